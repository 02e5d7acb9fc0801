"""`ntm render`: the KẾ HOẠCH documents officers sign, printed from plan files.

One content definition per document kind (a Jinja template in `templates/`,
or a province's own with `--templates DIR`) renders a small block language;
the block tree is numbered here, never by hand, and written as Markdown,
HTML, Word (.docx, in the layout of Nghị định 30/2020/NĐ-CP) or PDF (the
.docx through LibreOffice). Modules: `view` (plan -> view-model), `fields`
(view-model records that name their plan field), `environment` (sandboxed
Jinja), `markdown` (plan prose -> escaped markup), `blocks` (markup -> tree
and numbering), `md_writer`, `html_writer`, `docx_writer`, `pdf`, `core`
(the pipeline) and `codes` (the T messages). Importing this package is
cheap: Jinja and python-docx are imported only when a document is rendered.
"""

from __future__ import annotations

from ntm.render import codes as _codes  # noqa: F401  (registers the T messages)
from ntm.render.core import FORMATS, RenderResult, build_document, document_kind, render_plan, write_bytes

__all__ = ["FORMATS", "RenderResult", "build_document", "document_kind", "render_plan", "write_bytes"]
