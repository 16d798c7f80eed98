"""A folder matrix, parent measures × jurisdictions (`Matrix`): one module per format — terminal,
json (duizhao/matrix@1), markdown, xlsx, heatmap (png and svg) — over `views`.
"""
