"""One plan read (`Plan`, what `inspect` shows): terminal (tree and flat table), json (the PLAN and
MEASURE shapes of duizhao/compare@1), csv (one row per measure).
"""
