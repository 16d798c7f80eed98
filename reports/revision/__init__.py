"""Two drafts of one plan (a `Comparison` with `revision` set): the 修改对照表 in every human
format — `text` (terminal, markdown, html, csv) and `office` (docx, xlsx) — over `views`.
"""
