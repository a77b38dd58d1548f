"""The README's main job: build a library and show what is in it."""
