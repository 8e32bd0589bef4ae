"""``python -m update_source_trace check DOCS [--lenient]``: every fence of
a documentation folder, as a strict build reads them; exit 1 when one cannot
be shown, each named by its file and line."""

import sys

from . import fences

USAGE = "usage: python -m update_source_trace check DOCS [--lenient]"


def main(argv):
    args = [a for a in argv if a != "--lenient"]
    if len(args) != 2 or args[0] != "check":
        print(USAGE, file=sys.stderr)
        return 2
    status, said = fences.check(args[1], strict="--lenient" not in argv)
    sys.stdout.write(said.replace("planner fences:", "update_source_trace check:"))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
