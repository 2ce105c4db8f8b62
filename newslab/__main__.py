"""The command line: python -m newslab start | test | setup | check | analyze | … (see --help)."""

import sys

COMMANDS = {
    "start": ("newslab.start", "main_start", "install what is needed and open JupyterLab on lesson 00"),
    "test": ("newslab.start", "main_test", "install what is needed and run the whole test suite"),
    "bench": ("newslab.start", "main_bench", "install what is needed and print the benchmark's figures"),
    "lab-settings": ("newslab.start", "main_lab_settings",
                     "install the collection's JupyterLab settings (widget state saved, no news prompt)"),
    "setup": ("newslab.nltkdata", "main_setup", "download the NLTK data the lessons need (only what is missing)"),
    "check": ("newslab.doctor", "main", "say what is missing or broken, one line per problem with its fix"),
    "docs": ("newslab.docs", "main", "rebuild the generated documentation (README lesson map, syllabus, answer key)"),
    "bundle": ("newslab.bundle", "main", "build an offline bundle (notebooks, data, NLTK data, wheels) for a room without internet"),
    "offline": ("newslab.bundle", "main_offline", "in an unpacked offline bundle: install from it without internet and open lesson 00"),
    "analyze": ("newslab.analyze", "main", "summarise quotes, names and tone of an article or a folder of .txt files"),
}


def usage() -> str:
    lines = ["usage: python -m newslab COMMAND [options]", "", "commands:"]
    lines += [f"  {name:<10} {help_}" for name, (_, _, help_) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"newslab: unknown command {name!r}: use one of {', '.join(COMMANDS)} (python -m newslab --help).",
              file=sys.stderr)
        return 2
    module_name, function_name, _ = COMMANDS[name]
    import importlib
    module = importlib.import_module(module_name)
    return getattr(module, function_name)(rest) or 0


if __name__ == "__main__":
    sys.exit(main())
