"""A chain of plans, province → city → district (`Chain`): one module per format — terminal, json
(duizhao/chain@1), markdown, html, csv, xlsx, docx — over `views` and `table_view`.
"""
