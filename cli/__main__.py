"""`python -m duizhao.cli`: the same as the `duizhao` command."""

from duizhao.cli.app import main

main()
