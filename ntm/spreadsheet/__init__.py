"""`ntm export` and `ntm import`: a plan's figures as sheets an officer can fill in, and back.

Three tables leave the YAML: indicator values (every measured and targeted
figure of every assessment), tasks, and funding lines (`tables`). `export_plan`
(`export`) writes them as an .xlsx workbook (one sheet per table, a hidden first
row of field names and a hidden first column holding each row's place in the
YAML, bold frozen Vietnamese headers, column widths, `#,##0.0##` number formats,
text format for codes so 17.10 stays 17.10, drop-down lists) or as a folder of
UTF-8-with-BOM CSV files (same two header rows and key column); the funding table
starts with the document's stated total (TỔNG KINH PHÍ), so a clerk changes it with
the lines; a value longer than a cell holds (32,767 characters) is refused (E002).
`import_plan` (`importing`) reads such a file back (`reading`; CSV as spreadsheet
programs save it, `;`, 8.321,7, Windows-1258, in `csvfiles`), parses every cell (`cells`),
compares it with the plan, and turns the differences into edits: changed values
are replaced in the YAML text itself (`ntm.roundtrip.splice_scalars`: every other
byte unchanged), new fields and new rows go through the ruamel round-trip tree.
Numbers never pass through float unchecked: openpyxl's float becomes the shortest
decimal that reads back as the same float, refused when it has more than 15
significant digits; text in a number cell is refused with the sheet, row and
column. A cell holding only what a spreadsheet kept of the exported text (cut at
the cell limit, or ≥ turned into ? by a Windows-1258 CSV) is no change. The result
must read back as exactly the intended data and validate; only then is the plan
written (atomically). On any refusal the YAML file is untouched.
"""

from ntm.spreadsheet.cells import CellProblem, parse_cell, parse_number
from ntm.spreadsheet.export import export_plan
from ntm.spreadsheet.importing import import_plan
from ntm.spreadsheet.tables import (
           FUNDING,
           INDICATORS,
           NUMBER_FORMAT,
           TABLES,
           TASKS,
           ExportResult,
           ImportResult,
)

__all__ = ["CellProblem", "ExportResult", "FUNDING", "INDICATORS", "ImportResult", "NUMBER_FORMAT", "TABLES", "TASKS",
           "export_plan", "import_plan", "parse_cell", "parse_number"]
