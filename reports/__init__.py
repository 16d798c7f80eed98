"""Rendering comparison results and plan models: terminal, markdown, JSON, CSV/XLSX, HTML."""
