"""Two drafts of one plan (a `Comparison` with `revision` set): the 修改对照表 in every human
format — terminal, markdown, html, csv, docx, xlsx — over `views` (rows, sentences, redlines).
"""
