"""CSV downloads that spreadsheet programs open correctly and safely."""

import csv

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Keep spreadsheet programs from running what people typed as a formula."""
    return f"'{value}" if value[:1] in FORMULA_STARTS else value


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    """A UTF-8 CSV attachment (with the byte-order mark Excel needs for accents); every cell
    of `rows` is made formula-safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([safe_cell(str(cell)) for cell in row] for row in rows)
    return response
