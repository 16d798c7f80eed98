"""The `duizhao` command: the typer app, its commands, and the one place errors become exit codes.

Exit codes: 0 ok, 1 a check failed, 2 bad input or usage. Every command is a few lines over
`duizhao.reports.api`; `Group.invoke` turns every `DuizhaoError`, and every OS, Unicode or
memory error that reaches the edge, into one line on stderr and exit 2 — never a traceback.
Those lines, click's usage errors and help speak the user's language (`session.line_lang`:
中文 by default); click's own words come from our catalogue (`usage_words`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any, NoReturn

import click
import typer
import typer.main
from typer.core import TyperGroup

from duizhao.cli import EXIT_BAD_INPUT, usage_words
from duizhao.cli.errors import ERROR, WARNING, error_line
from duizhao.corpus.errors import one_line, say
from duizhao.reports.common.escape import visible

usage_words.install()


def usage_line(exc: click.UsageError) -> str:
    """A usage error as one line: `--format: unknown format 'pdf' (choose from …)`, in the
    language of lines on stderr (click's own messages are said so as they are made)."""
    from duizhao.cli.session import line_lang
    from duizhao.reports.common.i18n import gettext_for

    if isinstance(exc, click.BadParameter) and exc.param is not None and exc.message:
        name = exc.param.opts[0] if getattr(exc.param, "opts", None) else exc.param.name
        return f"{name}: {one_line(str(say(exc.message, gettext_for(line_lang()))))}"
    line = one_line(exc.format_message())
    if line_lang() == "zh":  # click joins its sentences with " " and ends some with "."
        line = line.replace("。 ", "。")
        if line.endswith("."):
            line = line.removesuffix(".") + "。"
    return line


def usage_failed(exc: click.UsageError) -> NoReturn:
    """Say a usage error in one line, as every other error, and exit 2."""
    from duizhao.cli.session import line_lang
    from duizhao.reports.common.i18n import gettext_for

    line = usage_line(exc)
    if exc.ctx is not None:
        _ = gettext_for(line_lang())
        line = _("{problem} (see: {command} --help)").format(
            problem=line, command=exc.ctx.command_path
        )
    click.echo(visible(f"{ERROR}{line}"), err=True)
    raise click.exceptions.Exit(EXIT_BAD_INPUT) from None


class Group(TyperGroup):
    """The command group: bad input of any command is one line and exit 2."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        """Run a command line (its words tell lines on stderr their language until the
        command has read its options: `session.line_lang`)."""
        from duizhao.cli.session import running

        running(list(sys.argv[1:] if args is None else args))
        return super().main(args, *rest, **options)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """The group's own options (`duizhao --bogus`) fail in the same one line."""
        try:
            return super().parse_args(ctx, args)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            usage_failed(exc)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """click's own lookup, which suggests the nearest command once ("Did you mean
        'compare'?"); typer's would append the same suggestion a second time."""
        return click.Group.resolve_command(self, ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        from duizhao.cli.common import configure

        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            usage_failed(exc)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as exc:
            from duizhao.cli.signals import interrupted_in

            signal = interrupted_in(exc)
            if signal is not None:  # a signal wrapped in another exception ends as a signal
                raise signal from None
            line = error_line(exc)
            if line is None:
                raise
            click.echo(f"{ERROR}{line}", err=True)
            raise click.exceptions.Exit(EXIT_BAD_INPUT) from None
        finally:
            if ctx.parent is None:
                configure()  # the next command run in this process (tests) starts afresh


app = typer.Typer(
    name="duizhao",
    cls=Group,
    help="对照: what a local implementation plan did to the plan above it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
corpus_app = typer.Typer(
    cls=Group,
    help="Folders of plans: index them and find the parents each plan declares.",
    no_args_is_help=True,
)
app.add_typer(corpus_app, name="corpus")


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        click.echo(f"duizhao {version('duizhao')}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """对照: what a local implementation plan did to the plan above it."""


def _register() -> None:
    from duizhao.cli import check_cmd, compare_cmd, folder_cmds, inspect_cmd

    app.command("compare")(compare_cmd.compare)
    app.command("inspect")(inspect_cmd.inspect)
    app.command("matrix")(folder_cmds.matrix)
    app.command("check")(check_cmd.check)
    corpus_app.command("scan")(folder_cmds.scan)


_register()


def help_language(args: list[str], env: dict[str, str] | os._Environ[str]) -> str:
    """The language help is shown in: `--lang` on the command line, else DUIZHAO_LANG, else
    `lang` of the configuration found from here, else zh (as the reports and every line)."""
    from duizhao.cli.session import language_of

    return language_of(args, env)


def localised(command: click.Command, lang: str) -> click.Command:
    """`command` with its help, its subcommands' and their options' in `lang` (the messages
    are in the catalogue: `make i18n` extracts every literal help= and command docstring),
    and typer's help panels too."""
    from duizhao.reports.common.i18n import gettext_for

    lang = lang if lang in ("zh", "en") else "zh"
    usage_words.localise_help(lang)
    _ = gettext_for(lang)
    todo = [command]
    while todo:
        cmd = todo.pop()
        if cmd.help:
            cmd.help = _(cmd.help)
        if cmd.short_help:
            cmd.short_help = _(cmd.short_help)
        for param in cmd.params:
            text = getattr(param, "help", None)  # options and typer's arguments have help
            if text:
                param.help = _(text)
        todo += list(getattr(cmd, "commands", {}).values())
    return command


def main() -> None:
    """Console-script entry point: help is shown in the report language (中文 by default)."""
    from duizhao.cli import signals

    args = sys.argv[1:]
    try:
        if not args or {"--help", "-h"} & set(args) or args[-1] == "corpus":
            command = localised(typer.main.get_command(app), help_language(args, os.environ))
            command.main(args=args, prog_name="duizhao", standalone_mode=True)
        else:
            app(standalone_mode=True)
    except KeyboardInterrupt:  # raised by code outside click's reach (a handler not installed)
        sys.exit(signals.exit_code(signals.Interrupted(2)))
    finally:
        cache_warnings()


def cache_warnings() -> None:
    """One line for a cache that was locked or full this run (the run itself went on without)."""
    cache = sys.modules.get("duizhao.corpus.cache")
    if cache is None:
        return
    from duizhao.cli.session import line_lang
    from duizhao.reports.common.i18n import gettext_for

    _ = gettext_for(line_lang())
    for problem in cache.problems():
        line = _("cache {problem}").format(problem=say(problem, _))
        click.echo(visible(f"{WARNING}{line}"), err=True)
