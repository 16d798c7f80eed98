"""Pieces every result type's formats share: the report language (`i18n`, gettext + the vocabulary
of the JSON values), making text safe where it enters a format (`clean`, `escape`, `md_table`,
`xlsx_safe`, `csv_text`), how owner changes are said (`owner_words`), Word and Excel helpers
(`docx_parts`, `xlsx_print`, `zip_stable`) and the HTML page's inline assets (`html_assets`).
"""
