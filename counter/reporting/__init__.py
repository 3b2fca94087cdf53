"""The Excel report's sheet writers; `counter.reports.export_report` runs them in one workbook.

cells (dates, formats, headers, print setup, cancelling), raw (the 明细 Raw sheet, streamed),
sheets (the summary sheets). No Qt.
"""
