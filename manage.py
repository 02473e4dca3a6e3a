#!/usr/bin/env python
"""Django's command-line utility; ``dvcq`` (see dvcq/cli.py) is the same with friendlier names."""

from dvcq.cli import main

if __name__ == "__main__":
    main()
