"""Pure logic of the reflection and the 1:1 script: no I/O, no UI."""
