"""Settings for ``run`` and ``fetch``: the typed keys, the four layers they merge from, the report.

Takes the command line, the environment, the TOML file and the defaults; gives resolved
values. Must never run or parse anything: the CLI turns its values into settings.
"""
