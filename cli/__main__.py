"""`python -m duizhao.cli`: the same as the `duizhao` command."""

from duizhao.cli.entry import main

main()
