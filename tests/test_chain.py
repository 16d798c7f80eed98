"""Chains: a generated province → city → district cascade with known losses and restorations."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from duizhao.cli.app import app
from duizhao.compare import Settings
from duizhao.compare.chain import compare_chain
from duizhao.corpus import parse_plan
from duizhao.corpus.numbering import int_to_cn


def document(title: str, measures: list[str]) -> str:
    body = [f"（{int_to_cn(i)}）{text}" for i, text in enumerate(measures, start=1)]
    return "\n".join(
        [title, "为贯彻落实《上级方案》，结合实际，制定本方案。", "一、主要任务", *body,
         "各单位要结合实际认真贯彻落实本方案。"]
    )  # fmt: skip


@pytest.fixture(scope="module")
def cascade(samples):
    texts = [m.text for m in samples["hubei"].measures()[:12]]
    local = "关心关爱未成年人。加大政府购买未成年人关爱服务力度，做好监护缺失未成年人救助保护工作。"
    province = document("湖北省测试实施方案", texts)
    # The city drops measures 3 and 7; the district restores 3 from the province text, drops 10.
    city = [t.replace("湖北", "襄阳").replace("全省", "全市") for t in texts]
    city_kept = [t for i, t in enumerate(city) if i not in (2, 6)]
    district = [t.replace("襄阳", "高新").replace("全市", "全区") for t in texts]
    district_kept = [t for i, t in enumerate(district) if i not in (6, 9)] + [local]
    plans = [
        parse_plan(province, path="province.txt"),
        parse_plan(document("襄阳市测试实施方案", city_kept), path="city.txt"),
        parse_plan(document("高新区测试实施方案", district_kept), path="district.txt"),
    ]
    return plans, compare_chain(plans, Settings())


def test_losses_and_restorations_match_the_cascade(cascade):
    _, chain = cascade
    labels = {t.label: t for t in chain.trace}
    lost = {t.label: (t.lost_at, t.restored_at) for t in chain.trace if t.lost_at is not None}
    assert lost == {"（三）": (1, 2), "（七）": (1, None), "（十）": (2, None)}
    restored = labels["（三）"]
    assert [lv.status for lv in restored.levels] == ["dropped", "carried"]
    assert restored.levels[1].against == 0  # judged directly against the province
    assert [lv.status for lv in labels["（一）"].levels] == ["carried", "carried"]
    assert len(chain.pairs) == 2 and {(k, i) for k, i, _ in chain.direct} >= {(0, 2)}


def test_origins_name_the_highest_level(cascade):
    plans, chain = cascade
    district = {o.measure: o.origin for o in chain.origins if o.plan == 2}
    measures = plans[2].measures()
    assert district[measures[-1].id] == 2  # the local measure was added at the district
    assert district[measures[2].id] == 0  # restored provincial text
    assert all(district[m.id] == 0 for m in measures[:-1])


def test_chain_json_from_the_command_line(cascade, tmp_path):
    plans, _ = cascade
    paths = []
    for plan, name in zip(plans, ("p.txt", "c.txt", "d.txt"), strict=True):
        path = tmp_path / name
        lines = [plan.title, "为贯彻落实《上级方案》，结合实际，制定本方案。", "一、主要任务"]
        lines += [f"{m.label}{m.text}" for m in plan.measures()]
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(str(path))
    result = CliRunner().invoke(app, ["compare", *paths, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "duizhao/chain@1"
    assert [p["jurisdiction"]["level"] for p in data["plans"]] == ["province", "city", "district"]
    assert len(data["pairs"]) == 2 and data["pairs"][0]["schema"] == "duizhao/compare@1"
    assert {t["label"]: t["restored_at"] for t in data["trace"]}["（三）"] == 2
    markdown = (
        CliRunner().invoke(app, ["compare", *paths, "--format", "markdown", "--lang", "en"]).output
    )
    assert "restored at 2 高新区" in markdown


def test_chain_html_and_xlsx_views(cascade, tmp_path):
    from openpyxl import load_workbook

    from duizhao.reports.chain.html import render_chain_html
    from duizhao.reports.chain.xlsx import chain_xlsx_bytes

    _, chain = cascade
    page = render_chain_html(chain)
    assert page.count("<script") == 0 and 'class="dropped"' in page and "高新区" in page
    path = tmp_path / "trace.xlsx"
    path.write_bytes(chain_xlsx_bytes(chain, lang="en"))
    assert chain_xlsx_bytes(chain, lang="en") == path.read_bytes()
    sheet = load_workbook(path)["trace"]
    assert sheet.freeze_panes == "C2"
    assert [c.value for c in sheet[1]][:2] == ["label", "measure"]
    assert sheet.max_row == len(chain.trace) + 1
