"""A plugin whose import fails (a missing dependency, a syntax slip…)."""
raise ImportError("xxgk_broken_plugin needs a module that is not installed")
