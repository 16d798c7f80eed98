"""The `duizhao` command line: a thin typer layer over the library."""

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT = 0, 1, 2
"""0 ok, 1 a check failed, 2 bad input or usage: the same for every command and format."""
