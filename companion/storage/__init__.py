"""The journal on disk: durable TinyDB storage, the repository, drafts and exports."""
