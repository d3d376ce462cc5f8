"""The Textual app: screens, widgets and the App that ties them together."""
