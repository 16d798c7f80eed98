"""A comparison of two plans (`Comparison`): one module per format — terminal, json (duizhao/compare@1),
markdown, html, csv, xlsx, docx — over the shared views of `views` and the 对照表 rows of
`table_view` / `table_notes`.
"""
