"""The ETL's problem messages and fixes in Thai: the one table of them, keyed by the English text.

The ETL writes every problem in English where it finds it (the CLI, its report and its tests read that
text); a report in Thai looks each message and fix up here. An entry is the English text with its
variable parts as {placeholders}, and the Thai text taking the same placeholders. A placeholder's
value that is itself an entry (a hint, a help sentence) is translated too. Text with no entry stays
English, so a missing entry shows the English words rather than nothing.

This table lives in the ETL, not in the dashboard's string table, because the ETL never imports the
dashboard; the intake (which may import both) shows it.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

THAI = "th"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")  # only {name}: other braces (a JSON example) are text
_ROWS_SUFFIX = re.compile(r"^(?P<text>.*) \((?P<n>\d+) rows\)$", re.DOTALL)
_YEAR_HELP = ("write the fiscal year as 2566 (Buddhist era) or 2023 (Common era)",
              "เขียนปีงบประมาณเป็น 2566 (พ.ศ.) หรือ 2023 (ค.ศ.)")
_YES_NO_HELP = ("write มี or ไม่มี (also 1/0, yes/no, Y/N, ✓ for yes and ✗ for no); blank means no, and "
                "ไม่ได้ประเมิน or N/A marks a province that was not assessed",
                "เขียน มี หรือ ไม่มี (หรือ 1/0, yes/no, Y/N, ✓ แทนมี และ ✗ แทนไม่มี) ช่องว่างหมายถึงไม่มี "
                "และ ไม่ได้ประเมิน หรือ N/A หมายถึงจังหวัดที่ไม่ได้รับการประเมิน")
_GOAL_HELP = ("a number from 1 to 17, such as 2, 'SDG 2' or 'เป้าหมายที่ 2'",
              "ตัวเลข 1 ถึง 17 เช่น 2, 'SDG 2' หรือ 'เป้าหมายที่ 2'")
_TARGET_HELP = ("an official SDG target such as 2.3 or 11.a", "เป้าหมายย่อย SDG ที่เป็นทางการ เช่น 2.3 หรือ 11.a")
_BUDGET_EXAMPLE = "1250000, 1,250,000, '๑๒,๕๐๐ บาท' or '1.5 ล้าน'"
_BUDGET_EXAMPLE_TH = "1250000, 1,250,000, '๑๒,๕๐๐ บาท' หรือ '1.5 ล้าน'"

# (English, Thai): every message and fix the ETL writes, then the fragments some of them are built from
ENTRIES: tuple[tuple[str, str], ...] = (
    # the input folder and its files
    ("input folder does not exist", "ไม่มีโฟลเดอร์ข้อมูลนำเข้านี้"),
    ("pass the folder holding the CSV/XLSX files with --source",
     "ระบุโฟลเดอร์ที่เก็บไฟล์ CSV/XLSX ด้วย --source"),
    ("no .csv, .txt or .xlsx files in the input folder", "ไม่มีไฟล์ .csv, .txt หรือ .xlsx ในโฟลเดอร์ข้อมูลนำเข้า"),
    ("put the provinces' files (or the template, filled in) in this folder",
     "วางไฟล์ของจังหวัด (หรือแบบฟอร์มที่กรอกแล้ว) ไว้ในโฟลเดอร์นี้"),
    ("not read: {reason}", "ไม่ได้อ่าน: {reason}"),
    ("nothing to fix if it is not data; otherwise save it as .xlsx or CSV",
     "ไม่ต้องแก้ไขหากไม่ใช่ข้อมูล มิฉะนั้นให้บันทึกเป็น .xlsx หรือ CSV"),
    ("file does not exist", "ไม่มีไฟล์นี้"),
    ("check the path", "ตรวจสอบที่อยู่ของไฟล์"),
    # reading files
    ("file is empty", "ไฟล์ว่างเปล่า"),
    ("export the sheet again with its header row and data", "ส่งออกแผ่นงานใหม่พร้อมแถวหัวคอลัมน์และข้อมูล"),
    ("this .txt file has no tab- or comma-separated columns, so it is not a table",
     "ไฟล์ .txt นี้ไม่มีคอลัมน์ที่คั่นด้วยแท็บหรือจุลภาค จึงไม่ใช่ตาราง"),
    ("in Excel use File > Save As > 'Unicode Text (*.txt)' or 'CSV UTF-8', or leave the note out",
     "ใน Excel ใช้ ไฟล์ > บันทึกเป็น > 'Unicode Text (*.txt)' หรือ 'CSV UTF-8' หรือไม่ต้องส่งไฟล์บันทึกนี้"),
    ("{suffix} files are not read", "ระบบไม่อ่านไฟล์ {suffix}"),
    ("open it in Excel and save it as .xlsx (Excel Workbook) or CSV UTF-8",
     "เปิดใน Excel แล้วบันทึกเป็น .xlsx (Excel Workbook) หรือ CSV UTF-8"),
    ("file is {size} MB, larger than the {limit} MB limit, so it was not read",
     "ไฟล์มีขนาด {size} MB เกินขีดจำกัด {limit} MB จึงไม่ได้อ่าน"),
    ("split it into smaller files (for example one per fiscal year), or raise the limit with "
     "--max-xlsx-mb / --max-csv-mb if the file is genuine",
     "แบ่งเป็นไฟล์ที่เล็กลง (เช่น ไฟล์ละหนึ่งปีงบประมาณ) หรือเพิ่มขีดจำกัดด้วย --max-xlsx-mb / --max-csv-mb "
     "หากเป็นไฟล์จริง"),
    ("file starts with a UTF-8 marker (BOM) but byte {byte} on line {line} is not UTF-8; "
     "it mixes two encodings",
     "ไฟล์ขึ้นต้นด้วยเครื่องหมาย UTF-8 (BOM) แต่ไบต์ {byte} ในบรรทัดที่ {line} ไม่ใช่ UTF-8 "
     "ไฟล์นี้ปนการเข้ารหัสสองแบบ"),
    ("open it in Excel or LibreOffice and save it again as 'CSV UTF-8'",
     "เปิดใน Excel หรือ LibreOffice แล้วบันทึกใหม่เป็น 'CSV UTF-8'"),
    ("file is neither UTF-8 nor Thai Windows (cp874/TIS-620): byte {byte} on line {line} cannot be read",
     "ไฟล์ไม่ได้เข้ารหัสแบบ UTF-8 หรือภาษาไทยของ Windows (cp874/TIS-620): อ่านไบต์ {byte} "
     "ในบรรทัดที่ {line} ไม่ได้"),
    ("save it again as 'CSV UTF-8' from Excel or LibreOffice",
     "บันทึกใหม่เป็น 'CSV UTF-8' จาก Excel หรือ LibreOffice"),
    ("file contains NUL bytes: it is binary, not a text CSV",
     "ไฟล์มีไบต์ NUL: เป็นไฟล์ไบนารี ไม่ใช่ไฟล์ข้อความ CSV"),
    ("export the data as CSV UTF-8 (or .xlsx) and send that file",
     "ส่งออกข้อมูลเป็น CSV UTF-8 (หรือ .xlsx) แล้วส่งไฟล์นั้น"),
    ("text on line {line} looks garbled ({sample}...): Thai text was saved in the wrong encoding",
     "ข้อความในบรรทัดที่ {line} อ่านไม่ออก ({sample}...): ข้อความภาษาไทยถูกบันทึกด้วยการเข้ารหัสที่ผิด"),
    ("open the original file and save it as 'CSV UTF-8'; do not re-save the garbled copy",
     "เปิดไฟล์ต้นฉบับแล้วบันทึกเป็น 'CSV UTF-8' อย่าบันทึกซ้ำจากสำเนาที่อ่านไม่ออก"),
    ("the CSV structure is broken after row {row}: {detail}", "โครงสร้าง CSV เสียหลังแถวที่ {row}: {detail}"),
    ('check for an unclosed quote (") in a cell, or save the file again from Excel',
     'ตรวจหาเครื่องหมายคำพูด (") ที่ไม่ได้ปิดในเซลล์ หรือบันทึกไฟล์ใหม่จาก Excel'),
    ("row has {cells} cells but the header row has {width}", "แถวนี้มี {cells} เซลล์ แต่แถวหัวคอลัมน์มี {width}"),
    ("remove the extra cells or add a header for them; check for a stray delimiter inside a value",
     "ลบเซลล์ที่เกินหรือเพิ่มหัวคอลัมน์ให้ ตรวจหาตัวคั่นที่หลงอยู่ในค่า"),
    ("file is an old-format Excel (.xls) or password-protected workbook, not .xlsx",
     "ไฟล์เป็น Excel รุ่นเก่า (.xls) หรือสมุดงานที่ตั้งรหัสผ่าน ไม่ใช่ .xlsx"),
    ("remove any password, then save it from Excel as 'Excel Workbook (.xlsx)'",
     "เอารหัสผ่านออก แล้วบันทึกจาก Excel เป็น 'Excel Workbook (.xlsx)'"),
    ("file is named .xlsx but is not an Excel workbook", "ไฟล์ชื่อ .xlsx แต่ไม่ใช่สมุดงาน Excel"),
    ("if it is a CSV, rename it to .csv; otherwise save it again from Excel as .xlsx",
     "หากเป็น CSV ให้เปลี่ยนชื่อเป็น .csv มิฉะนั้นให้บันทึกใหม่จาก Excel เป็น .xlsx"),
    ("workbook unpacks to {size} MB, over the {limit} MB limit",
     "สมุดงานเมื่อคลายออกมีขนาด {size} MB เกินขีดจำกัด {limit} MB"),
    ("split the data into smaller workbooks", "แบ่งข้อมูลเป็นสมุดงานที่เล็กลง"),
    ("workbook part {part} expands {ratio} times (a 'zip bomb'), so it was not opened",
     "ส่วน {part} ของสมุดงานขยายได้ {ratio} เท่า (ลักษณะ 'zip bomb') จึงไม่ได้เปิด"),
    ("send the workbook as saved by Excel or LibreOffice", "ส่งสมุดงานตามที่บันทึกจาก Excel หรือ LibreOffice"),
    ("workbook cannot be opened ({detail})", "เปิดสมุดงานไม่ได้ ({detail})"),
    ("open it in Excel, check it is not damaged, and save it again as .xlsx",
     "เปิดใน Excel ตรวจว่าไฟล์ไม่เสียหาย แล้วบันทึกใหม่เป็น .xlsx"),
    ("workbook has no data sheet", "สมุดงานไม่มีแผ่นงานข้อมูล"),
    ("put the data on a sheet with a header row", "ใส่ข้อมูลในแผ่นงานที่มีแถวหัวคอลัมน์"),
    ("cell {cell} holds a formula; only typed values are read", "เซลล์ {cell} เป็นสูตร ระบบอ่านเฉพาะค่าที่พิมพ์"),
    ("copy the column and paste it back as values (Paste Special > Values)",
     "คัดลอกคอลัมน์แล้ววางกลับเป็นค่า (วางแบบพิเศษ > ค่า)"),
    ("format the target column as Text and type the target again (e.g. 8.10)",
     "จัดรูปแบบคอลัมน์เป้าหมายย่อยเป็นข้อความแล้วพิมพ์เป้าหมายย่อยใหม่ (เช่น 8.10)"),
    # headers
    ("cannot tell which dataset this is: headers found {headers}{sheet_hint}",
     "ระบุไม่ได้ว่าเป็นข้อมูลชุดใด: หัวคอลัมน์ที่พบคือ {headers}{sheet_hint}"),
    ('; sheet "{sheet}" is not one of the expected sheet names ({names})',
     ' และแผ่นงาน "{sheet}" ไม่ใช่ชื่อแผ่นงานที่กำหนด ({names})'),
    ("use the headers of the template (python -m etl template). Expected {expected}",
     "ใช้หัวคอลัมน์ตามแบบฟอร์มการส่งข้อมูล หัวคอลัมน์ที่ต้องมีคือ {expected}"),
    ('column "{header}" means the same as column "{other}"',
     'คอลัมน์ "{header}" มีความหมายเดียวกับคอลัมน์ "{other}"'),
    ("keep one of the two columns and delete the other", "เก็บไว้คอลัมน์เดียวแล้วลบอีกคอลัมน์"),
    ('required column "{th}" ({en}) is missing{hint}', 'ไม่มีคอลัมน์ที่ต้องมี "{th}" ({en}){hint}'),
    ('; did you mean "{guess}"? rename it to "{th}" or "{en}"',
     ' หมายถึง "{guess}" หรือไม่ ให้เปลี่ยนชื่อเป็น "{th}" หรือ "{en}"'),
    ('add a column headed "{th}" or "{en}"', 'เพิ่มคอลัมน์ที่มีหัวว่า "{th}" หรือ "{en}"'),
    ('column "{header}" is not a {dataset} column and is ignored',
     'คอลัมน์ "{header}" ไม่ใช่คอลัมน์ของ{dataset} จึงไม่ได้อ่าน'),
    ("rename it to one of: {names} (or delete it)", "เปลี่ยนชื่อเป็นชื่อใดชื่อหนึ่งต่อไปนี้: {names} (หรือลบคอลัมน์)"),
    ("Provincial SDG driving plans", "แผนขับเคลื่อน SDGs ของจังหวัด"),
    ("Projects in the provincial SDG plans", "โครงการตามแผนขับเคลื่อน SDGs"),
    ("District programme projects (Amphoe Bambat Thuk Bamrung Suk)", "โครงการอำเภอบำบัดทุกข์ บำรุงสุข"),
    # sheets and rows as ingested
    ("the sheet is empty: nothing submitted on it", "แผ่นงานว่าง: ไม่มีข้อมูลส่งมา"),
    ("nothing to fix if there is nothing to report on this sheet", "ไม่ต้องแก้ไขหากแผ่นงานนี้ไม่มีข้อมูลที่ต้องรายงาน"),
    ("no file holds a single data row: nothing to load", "ไม่มีไฟล์ใดมีข้อมูลแม้แต่แถวเดียว: ไม่มีอะไรให้นำเข้า"),
    ("fill in the template's sheets (or send the provinces' files) before building",
     "กรอกข้อมูลในแผ่นงานของแบบฟอร์ม (หรือส่งไฟล์ของจังหวัด) ก่อนสร้างฐานข้อมูล"),
    ("{count} value(s) in column {number} have no header, so they are not read",
     "มี {count} ค่าในคอลัมน์ที่ {number} ที่ไม่มีหัวคอลัมน์ จึงไม่ได้อ่าน"),
    ("give the column one of the expected headers, or delete it", "ตั้งหัวคอลัมน์ตามที่กำหนด หรือลบคอลัมน์นั้น"),
    ("nothing submitted for {dataset} ({dataset_th}): there are headers but no data rows",
     "ไม่มีข้อมูล{dataset_th}ส่งมา: มีหัวคอลัมน์แต่ไม่มีแถวข้อมูล"),
    ("nothing to fix if there is nothing to report; otherwise fill in the rows under the headers",
     "ไม่ต้องแก้ไขหากไม่มีข้อมูลที่ต้องรายงาน มิฉะนั้นให้กรอกแถวใต้หัวคอลัมน์"),
    ("row read as {reason}, not as data: skipped", "แถวนี้อ่านได้เป็น{reason} ไม่ใช่ข้อมูล: ข้ามไป"),
    ("a total row", "แถวผลรวม"),
    ("a note", "หมายเหตุ"),
    ("the template's example row", "แถวตัวอย่างของแบบฟอร์ม"),
    ("the header row repeated", "แถวหัวคอลัมน์ซ้ำ"),
    ("a row of column numbers", "แถวเลขลำดับคอลัมน์"),
    ("an instruction row", "แถวคำอธิบายการกรอก"),
    ("a placeholder row", "แถวเว้นไว้ให้กรอก"),
    ("a heading (only one cell filled)", "หัวเรื่อง (กรอกไว้เพียงช่องเดียว)"),
    ("read as the description of the data set (source, sample flag), not as data",
     "อ่านเป็นคำอธิบายชุดข้อมูล (แหล่งที่มา ข้อมูลตัวอย่างหรือไม่) ไม่ใช่ข้อมูล"),
    ("an Office lock file (the workbook was open in Excel when it was copied), not data",
     "ไฟล์ล็อกของ Office (สมุดงานเปิดอยู่ใน Excel ขณะคัดลอก) ไม่ใช่ข้อมูล"),
    ("a hidden file", "ไฟล์ที่ซ่อนอยู่"),
    ("a folder (files in sub-folders are not read; put them in the source folder itself)",
     "โฟลเดอร์ (ระบบไม่อ่านไฟล์ในโฟลเดอร์ย่อย ให้วางไว้ในโฟลเดอร์ข้อมูลโดยตรง)"),
    ("not a regular file", "ไม่ใช่ไฟล์ปกติ"),
    ("a text file without tab- or comma-separated columns, so not an Excel text export",
     "ไฟล์ข้อความที่ไม่มีคอลัมน์คั่นด้วยแท็บหรือจุลภาค จึงไม่ใช่ไฟล์ข้อความที่ส่งออกจาก Excel"),
    ("{suffix} files are not read (only .csv, .txt, .xlsx)",
     "ระบบไม่อ่านไฟล์ {suffix} (อ่านเฉพาะ .csv, .txt, .xlsx)"),
    ("nothing to fix if that is what it is; if it is data, fill in every required column",
     "ไม่ต้องแก้ไขหากเป็นเช่นนั้นจริง หากเป็นข้อมูลให้กรอกทุกคอลัมน์ที่ต้องมี"),
    # budget units
    ("cannot tell the budget's unit: {why}", "ระบุหน่วยของงบประมาณไม่ได้: {why}"),
    ("the header says one unit and the line {line} above it another",
     "หัวคอลัมน์ระบุหน่วยหนึ่ง แต่บรรทัด {line} ที่อยู่เหนือขึ้นไประบุอีกหน่วยหนึ่ง"),
    ("unit {unit} is not baht", "หน่วย {unit} ไม่ใช่บาท"),
    ("header {header} states a unit that is not baht", "หัวคอลัมน์ {header} ระบุหน่วยที่ไม่ใช่บาท"),
    ("header {header} states two different units", "หัวคอลัมน์ {header} ระบุสองหน่วยที่ต่างกัน"),
    ("the line {line} states a unit that is not baht", "บรรทัด {line} ระบุหน่วยที่ไม่ใช่บาท"),
    ("write the budget in baht under the header งบประมาณ (บาท), or state one unit: "
     "(บาท), (พันบาท) or (ล้านบาท)",
     "เขียนงบประมาณเป็นบาทใต้หัวคอลัมน์ งบประมาณ (บาท) หรือระบุหน่วยเดียว: (บาท), (พันบาท) หรือ (ล้านบาท)"),
    ("row {row} states {unit} but {earlier} states another unit",
     "แถวที่ {row} ระบุ {unit} แต่{earlier}ระบุอีกหน่วยหนึ่ง"),
    ("budgets are read in units of {factor} baht, as {said} states, and stored in baht",
     "อ่านงบประมาณเป็นหน่วยละ {factor} บาท ตามที่{said}ระบุ และเก็บเป็นบาท"),
    ("nothing to fix if that is the unit", "ไม่ต้องแก้ไขหากหน่วยถูกต้อง"),
    ('the header "{header}"', 'หัวคอลัมน์ "{header}"'),
    ("the line {line} above the headers", "บรรทัด {line} เหนือหัวคอลัมน์"),
    # dataset.json and generated ids
    ("dataset.json is not valid JSON ({detail})", "dataset.json ไม่ใช่ JSON ที่ถูกต้อง ({detail})"),
    ('write it as {"source": "...", "is_sample": false} or delete it',
     'เขียนเป็น {"source": "...", "is_sample": false} หรือลบไฟล์นี้'),
    ("dataset.json must hold one JSON object", "dataset.json ต้องมีออบเจกต์ JSON หนึ่งรายการ"),
    ('write it as {"source": "...", "is_sample": false}', 'เขียนเป็น {"source": "...", "is_sample": false}'),
    ("dataset.json: default_year must be a fiscal year (BE) as a number",
     "dataset.json: default_year ต้องเป็นปีงบประมาณ (พ.ศ.) ที่เป็นตัวเลข"),
    ('write it as "default_year": 2566, or leave it out to open on the latest year',
     'เขียนเป็น "default_year": 2566 หรือไม่ต้องใส่เพื่อเปิดที่ปีล่าสุด'),
    ("project id {id} is also the id generated for a project of the same province and year that has no id",
     "รหัสโครงการ {id} ซ้ำกับรหัสที่ระบบสร้างให้โครงการที่ไม่มีรหัสของจังหวัดและปีเดียวกัน"),
    ("give every project of that province and year an id, or use ids not of the form P2566-50-0001",
     "ใส่รหัสให้ทุกโครงการของจังหวัดและปีนั้น หรือใช้รหัสที่ไม่อยู่ในรูปแบบ P2566-50-0001"),
    # provinces and districts
    ("{text} read as {province}: it is a spelling variant of that name and no other province is that close; "
     "check the spelling",
     "อ่าน {text} เป็น {province}: เป็นการสะกดอีกแบบของชื่อนั้น และไม่มีจังหวัดอื่นที่ใกล้เคียง ตรวจสอบการสะกด"),
    ("{text} read as {province}: it is {edits} letter(s) away from that name and no other province is that "
     "close; check the spelling",
     "อ่าน {text} เป็น {province}: ต่างจากชื่อนั้น {edits} ตัวอักษร และไม่มีจังหวัดอื่นที่ใกล้เคียง ตรวจสอบการสะกด"),
    ("unknown province {text}: {hint}write the Thai or English name (เชียงใหม่, Chiang Mai) or the 2-digit "
     "code (50) as in data/reference/provinces.csv",
     "ไม่รู้จักจังหวัด {text}: {hint}เขียนชื่อภาษาไทยหรือภาษาอังกฤษ (เชียงใหม่, Chiang Mai) หรือรหัส 2 หลัก (50) "
     "ตาม data/reference/provinces.csv"),
    ("did you mean {names}? ", "หมายถึง {names} หรือไม่ "),
    ("no province has code {code} ({raw}): codes run from 10 (Bangkok) to 96 (Narathiwat); see "
     "data/reference/provinces.csv, or write the province's name",
     "ไม่มีจังหวัดรหัส {code} ({raw}): รหัสมีตั้งแต่ 10 (กรุงเทพมหานคร) ถึง 96 (นราธิวาส) "
     "ดู data/reference/provinces.csv หรือเขียนชื่อจังหวัด"),
    ("province {text} could be {names}: write the full name", "จังหวัด {text} อาจเป็น {names}: เขียนชื่อเต็ม"),
    ("{text} is not a province name: write the Thai or English name or the 2-digit code",
     "{text} ไม่ใช่ชื่อจังหวัด: เขียนชื่อภาษาไทยหรือภาษาอังกฤษ หรือรหัส 2 หลัก"),
    ("province {text} is ambiguous: several provinces are that close, such as {names}; write the name in "
     "full or use the 2-digit code",
     "จังหวัด {text} กำกวม: มีหลายจังหวัดที่ใกล้เคียง เช่น {names} เขียนชื่อเต็มหรือใช้รหัส 2 หลัก"),
    ("province is missing: write the Thai or English name or the 2-digit code",
     "ไม่ได้ระบุจังหวัด: เขียนชื่อภาษาไทยหรือภาษาอังกฤษ หรือรหัส 2 หลัก"),
    ("{value} is not a province code: codes are 2 digits, 10 to 96",
     "{value} ไม่ใช่รหัสจังหวัด: รหัสมี 2 หลัก ตั้งแต่ 10 ถึง 96"),
    ("no district {code} {where}{elsewhere}: check the district and province codes",
     "ไม่มีอำเภอรหัส {code} {where}{elsewhere}: ตรวจสอบรหัสอำเภอและรหัสจังหวัด"),
    ("; {code} is a district of province {province}", " โดย {code} เป็นอำเภอของจังหวัด {province}"),
    ("in {province}", "ใน{province}"),
    ("district is missing: write its Thai or English name or 4-digit code {where}",
     "ไม่ได้ระบุอำเภอ: เขียนชื่อภาษาไทยหรือภาษาอังกฤษ หรือรหัส 4 หลักของอำเภอ{where}"),
    ("district {text} {where} could be {names}: write the Thai name or 4-digit code",
     "อำเภอ {text} {where} อาจเป็น {names}: เขียนชื่อภาษาไทยหรือรหัส 4 หลัก"),
    ("unknown district {text} {where}: {hint}write the name as in data/reference/districts.csv or the "
     "4-digit code",
     "ไม่รู้จักอำเภอ {text} {where}: {hint}เขียนชื่อตาม data/reference/districts.csv หรือรหัส 4 หลัก"),
    # values of a row
    ("this cell is required but empty; fill it in", "ช่องนี้ต้องกรอกแต่ว่างอยู่ ให้กรอกข้อมูล"),
    ("expected a whole number such as 12500; got {value}", "ต้องเป็นจำนวนเต็ม เช่น 12500 แต่พบ {value}"),
    ("expected {what} such as {example}; got {value}", "ต้องเป็น{what} เช่น {example} แต่พบ {value}"),
    ("a whole number", "จำนวนเต็ม"),
    ("a budget in baht", "จำนวนเงินบาท"),
    (_BUDGET_EXAMPLE, _BUDGET_EXAMPLE_TH),
    ("12500, 12,500 or ๑๒,๕๐๐", "12500, 12,500 หรือ ๑๒,๕๐๐"),
    ("budget must be a number of baht such as {example}; got {value}",
     "งบประมาณต้องเป็นจำนวนเงินบาท เช่น {example} แต่พบ {value}"),
    ("budget cannot be negative; got {value}: write the amount in baht, e.g. 1250000",
     "งบประมาณติดลบไม่ได้ แต่พบ {value}: เขียนจำนวนเงินเป็นบาท เช่น 1250000"),
    ("budget {value} is more than 100,000 million baht, which no single project has: check that it is "
     "written in baht, not satang or with extra digits",
     "งบประมาณ {value} เกิน 100,000 ล้านบาท ซึ่งไม่มีโครงการใดมีงบเท่านี้: ตรวจว่าเขียนเป็นบาท "
     "ไม่ใช่สตางค์ และไม่มีตัวเลขเกิน"),
    ("fiscal year {value} is outside the plausible range "
     "(BE {be_from}-{be_to}, CE {ce_from}-{ce_to}); {help}",
     "ปีงบประมาณ {value} อยู่นอกช่วงที่เป็นไปได้ (พ.ศ. {be_from}-{be_to}, ค.ศ. {ce_from}-{ce_to}) {help}"),
    ("fiscal year {value} is marked {marked} but {number} is a {meant} year; {help}",
     "ปีงบประมาณ {value} ระบุว่าเป็น {marked} แต่ {number} เป็นปี {meant} {help}"),
    ("fiscal year {value} has only two digits; {help}", "ปีงบประมาณ {value} มีเพียงสองหลัก {help}"),
    ("fiscal year {value} is not a whole year; {help}", "ปีงบประมาณ {value} ไม่ใช่ปีเต็ม {help}"),
    ("fiscal year {value} is not a year; {help}", "ปีงบประมาณ {value} ไม่ใช่ปี {help}"),
    ("fiscal year is missing; {help}", "ไม่ได้ระบุปีงบประมาณ {help}"),
    _YEAR_HELP,
    ("write the fiscal year as 2566 or 2023", "เขียนปีงบประมาณเป็น 2566 หรือ 2023"),
    ("expected yes or no, but the answer and its note disagree in {value}: write only the answer",
     "ต้องเป็น มี หรือ ไม่มี แต่คำตอบกับหมายเหตุใน {value} ขัดกัน: เขียนเฉพาะคำตอบ"),
    ("expected yes or no; got {value}: write 1 for yes and 0 for no",
     "ต้องเป็น มี หรือ ไม่มี แต่พบ {value}: เขียน 1 แทนมี และ 0 แทนไม่มี"),
    ("expected yes or no; got {value}: {help}", "ต้องเป็น มี หรือ ไม่มี แต่พบ {value}: {help}"),
    _YES_NO_HELP,
    ("write มี or ไม่มี (or 1/0, yes/no, ✓/✗); blank means no; ไม่ได้ประเมิน or N/A in every answer marks a "
     "province that was not assessed",
     "เขียน มี หรือ ไม่มี (หรือ 1/0, yes/no, ✓/✗) ช่องว่างหมายถึงไม่มี และ ไม่ได้ประเมิน หรือ N/A "
     "ในทุกคำตอบหมายถึงจังหวัดที่ไม่ได้รับการประเมิน"),
    ("goal {value} looks like a target; the goal must be {help}",
     "เป้าหมาย {value} ดูเหมือนเป้าหมายย่อย เป้าหมายหลักต้องเป็น{help}"),
    ("goal must be {help}; got {value}", "เป้าหมายหลักต้องเป็น{help} แต่พบ {value}"),
    ("goal is missing; write {help}", "ไม่ได้ระบุเป้าหมายหลัก ให้เขียน{help}"),
    _GOAL_HELP,
    ("write the goal number 1-17 (e.g. 2 or SDG 2)", "เขียนหมายเลขเป้าหมาย 1-17 (เช่น 2 หรือ SDG 2)"),
    ("target {target} is not a target of goal {goal}, the goal on this row{official}: fix the goal, or write "
     "one of goal {goal_again}'s targets ({listed})",
     "เป้าหมายย่อย {target} ไม่ใช่เป้าหมายย่อยของเป้าหมายที่ {goal} ซึ่งเป็นเป้าหมายของแถวนี้{official}: "
     "แก้เป้าหมายหลัก หรือเขียนเป้าหมายย่อยหนึ่งของเป้าหมายที่ {goal_again} ({listed})"),
    (" ({target} is not an official target at all)", " ({target} ไม่ใช่เป้าหมายย่อยที่เป็นทางการเลย)"),
    ("Common-era", "ค.ศ."),
    ("Buddhist-era", "พ.ศ."),
    ("{value} is not one of the 169 official SDG targets; write {help}",
     "{value} ไม่ใช่หนึ่งใน 169 เป้าหมายย่อย SDG ที่เป็นทางการ ให้เขียน{help}"),
    ("target must be {help}; got {value}", "เป้าหมายย่อยต้องเป็น{help} แต่พบ {value}"),
    _TARGET_HELP,
    ("target {text} was stored as a number, so {text_again} and {ambiguous} look the same: format the target "
     "column as text and write the target again",
     "เป้าหมายย่อย {text} ถูกเก็บเป็นตัวเลข ทำให้ {text_again} กับ {ambiguous} ดูเหมือนกัน: "
     "จัดรูปแบบคอลัมน์เป้าหมายย่อยเป็นข้อความแล้วเขียนใหม่"),
    ("write a target of the row's goal such as 2.3 or 11.a, or leave it blank",
     "เขียนเป้าหมายย่อยของเป้าหมายหลักในแถวนี้ เช่น 2.3 หรือ 11.a หรือเว้นว่าง"),
    ("status {value} says completed but {percent}% done: write อยู่ระหว่างดำเนินการ (In progress) if the work "
     "is not finished, or remove the percentage",
     "สถานะ {value} ระบุว่าเสร็จแล้ว แต่ดำเนินการไป {percent}%: เขียน อยู่ระหว่างดำเนินการ หากงานยังไม่เสร็จ "
     "หรือลบร้อยละออก"),
    ("unknown project status {value}; write one of: {forms}",
     "ไม่รู้จักสถานะโครงการ {value} ให้เขียนหนึ่งใน: {forms}"),
    ("pick a status from the template's list, or leave it blank", "เลือกสถานะจากรายการในแบบฟอร์ม หรือเว้นว่าง"),
    ("unknown district project category {value}; write one of: {names}",
     "ไม่รู้จักประเภทโครงการอำเภอ {value} ให้เขียนหนึ่งใน: {names}"),
    ("district project category is missing; write e.g. แก้ไขปัญหาความยากจน or poverty",
     "ไม่ได้ระบุประเภทโครงการอำเภอ ให้เขียน เช่น แก้ไขปัญหาความยากจน"),
    ("pick a category from the template's list", "เลือกประเภทจากรายการในแบบฟอร์ม"),
    ("text {value} starts with '{first}', so a spreadsheet would run it as a formula: remove the leading "
     "character (a list dash or plus is not part of the name)",
     "ข้อความ {value} ขึ้นต้นด้วย '{first}' ซึ่งโปรแกรมตารางคำนวณจะถือเป็นสูตร: ลบอักขระตัวแรกออก "
     "(ขีดหรือบวกหน้ารายการไม่ใช่ส่วนของชื่อ)"),
    ("text {value} contains an HTML tag ({tag}): write plain text, without <...> markup",
     "ข้อความ {value} มีแท็ก HTML ({tag}): เขียนเป็นข้อความธรรมดา ไม่มีเครื่องหมาย <...>"),
    ("write plain text: no formula (leading =, @) and no <tags>",
     "เขียนเป็นข้อความธรรมดา: ไม่ขึ้นต้นด้วยสูตร (=, @) และไม่มี <แท็ก>"),
    ("write the province's Thai or English name (e.g. เชียงใหม่ or Chiang Mai) or its code",
     "เขียนชื่อจังหวัดภาษาไทยหรือภาษาอังกฤษ (เช่น เชียงใหม่ หรือ Chiang Mai) หรือรหัสจังหวัด"),
    ("write a district (อำเภอ) of the row's province, by name or 4-digit code",
     "เขียนอำเภอของจังหวัดในแถวนี้ เป็นชื่อหรือรหัส 4 หลัก"),
    ("write the amount in baht, e.g. 1250000, or leave it blank", "เขียนจำนวนเงินเป็นบาท เช่น 1250000 หรือเว้นว่าง"),
    ("use letters, digits and dashes, or leave it blank to generate one",
     "ใช้ตัวอักษร ตัวเลข และขีด หรือเว้นว่างให้ระบบสร้างรหัสให้"),
    ("id {id} starts with {first}, so a spreadsheet would run it as a formula",
     "รหัส {id} ขึ้นต้นด้วย {first} ซึ่งโปรแกรมตารางคำนวณจะถือเป็นสูตร"),
    ("id {id} may hold only letters, digits, spaces and . _ / # - (at most 64)",
     "รหัส {id} มีได้เฉพาะตัวอักษร ตัวเลข ช่องว่าง และ . _ / # - (ไม่เกิน 64 ตัว)"),
    ("check the value, and write it as suggested to silence this warning",
     "ตรวจสอบค่า แล้วเขียนตามที่แนะนำเพื่อไม่ให้มีคำเตือนนี้"),
    # rows across files
    ("the same project is also in {file} row {row} with another status",
     "โครงการเดียวกันอยู่ใน {file} แถวที่ {row} ด้วย แต่สถานะต่างกัน"),
    ("the same project (province, year, title, goal, target, agency, budget) is already in {file} row {row}; "
     "it is loaded once",
     "โครงการเดียวกัน (จังหวัด ปี ชื่อ เป้าหมายหลัก เป้าหมายย่อย หน่วยงาน งบประมาณ) มีอยู่แล้วใน {file} "
     "แถวที่ {row} จึงนำเข้าเพียงครั้งเดียว"),
    ("keep one row with the current status and delete the other", "เก็บแถวที่มีสถานะปัจจุบันไว้แถวเดียวแล้วลบอีกแถว"),
    ("nothing to fix if this is a resubmission; delete one copy to silence this",
     "ไม่ต้องแก้ไขหากเป็นการส่งซ้ำ ลบสำเนาหนึ่งออกเพื่อไม่ให้มีคำเตือนนี้"),
    ("the same district project is already in {file} row {row}; it is loaded once",
     "โครงการอำเภอเดียวกันมีอยู่แล้วใน {file} แถวที่ {row} จึงนำเข้าเพียงครั้งเดียว"),
    ('the project "{title}" of the same province and year is also in {file} row {row} '
     'with a different {what}',
     'โครงการ "{title}" ของจังหวัดและปีเดียวกันอยู่ใน {file} แถวที่ {row} ด้วย แต่{what}ต่างกัน'),
    ("if it is the same project keep only the correct row; if they are two projects give them different "
     "titles or project IDs",
     "หากเป็นโครงการเดียวกันให้เก็บเฉพาะแถวที่ถูกต้อง หากเป็นสองโครงการให้ตั้งชื่อหรือรหัสโครงการให้ต่างกัน"),
    ('project id "{id}" is already used in {file} row {row}', 'รหัสโครงการ "{id}" ใช้แล้วใน {file} แถวที่ {row}'),
    ("give each project its own id, or leave the id blank to generate one",
     "ใส่รหัสที่ไม่ซ้ำให้แต่ละโครงการ หรือเว้นว่างให้ระบบสร้างรหัสให้"),
    ("the plan of {province} for fiscal year {year} marks some components not assessed and answers others",
     "แผนของ{province} ปีงบประมาณ {year} ระบุบางองค์ประกอบว่าไม่ได้ประเมิน แต่ตอบองค์ประกอบอื่น"),
    ("answer all four components (มี/ไม่มี), or write ไม่ได้ประเมิน in all four if the province "
     "was not assessed",
     "ตอบทั้งสี่องค์ประกอบ (มี/ไม่มี) หรือเขียน ไม่ได้ประเมิน ทั้งสี่ช่องหากจังหวัดไม่ได้รับการประเมิน"),
    ("nothing submitted for the plan of {province} for fiscal year {year}: all four answers are blank, "
     "so this row is not a plan (not 0 of 4) and is not loaded",
     "ไม่มีข้อมูลแผนของ{province} ปีงบประมาณ {year}: ทั้งสี่คำตอบว่าง แถวนี้จึงไม่ใช่แผน (ไม่ใช่ 0 จาก 4) "
     "และไม่ได้นำเข้า"),
    ("the plan of {province} for fiscal year {year} is marked not assessed; it is loaded as not assessed and "
     "not counted as reporting",
     "แผนของ{province} ปีงบประมาณ {year} ระบุว่าไม่ได้ประเมิน จึงนำเข้าเป็นไม่ได้ประเมินและไม่นับว่ารายงานแล้ว"),
    ("fill in the four answers (มี/ไม่มี), or delete the row", "กรอกทั้งสี่คำตอบ (มี/ไม่มี) หรือลบแถวนี้"),
    ("nothing to fix if the province was not assessed", "ไม่ต้องแก้ไขหากจังหวัดไม่ได้รับการประเมิน"),
    ("the plan of {province} ({code}) for fiscal year {year} is given {copies} times with different answers "
     "({places})",
     "แผนของ{province} ({code}) ปีงบประมาณ {year} มี {copies} ชุดที่คำตอบต่างกัน ({places})"),
    ("keep one row per province and year with the correct answers, delete the others",
     "เก็บไว้หนึ่งแถวต่อจังหวัดและปีที่มีคำตอบถูกต้อง แล้วลบแถวอื่น"),
    ("the plan of {province} ({code}) for fiscal year {year} is repeated with the same answers ({places}); "
     "it is loaded once",
     "แผนของ{province} ({code}) ปีงบประมาณ {year} ซ้ำโดยคำตอบเหมือนกัน ({places}) จึงนำเข้าเพียงครั้งเดียว"),
    ("delete the repeated row", "ลบแถวที่ซ้ำ"),
)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each English entry as a pattern whose named groups are its placeholders."""
    out = []
    for english, thai in ENTRIES:
        parts = _PLACEHOLDER.split(english)
        pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*?)" for i, p in enumerate(parts))
        out.append((re.compile(pattern, re.DOTALL), thai))
    return tuple(out)


@lru_cache(maxsize=8192)
def thai(text: str) -> str | None:
    """The Thai of one ETL message or fix, or None when the table has no entry for it."""
    counted = _ROWS_SUFFIX.fullmatch(text)
    if counted:
        inner = thai(counted.group("text"))
        return None if inner is None else f"{inner} ({counted.group('n')} แถว)"
    best = _best_reading(text)
    if best is None:
        return None
    match, template = best
    return _fill(template, {k: thai(v) or v for k, v in match.groupdict().items()})


def _best_reading(text: str) -> tuple[re.Match[str], str] | None:
    """The entry that leaves the least of the text in English (placeholders may hold entries too);
    between equals, the one whose own words start the text (its leading words decide its form)."""
    readings = [(m, template) for pattern, template in _compiled() if (m := pattern.fullmatch(text))]
    if not readings:
        return None
    return min(readings, key=lambda r: (sum(_left_english(v) for v in r[0].groupdict().values()),
                                        -r[0].start(1) if r[0].re.groups else 0))


@lru_cache(maxsize=8192)
def _left_english(text: str) -> int:
    """How many characters of the text no entry translates."""
    best = _best_reading(text)
    if best is None:
        return len(text)
    return sum(_left_english(v) for v in best[0].groupdict().values())


def _fill(template: str, values: dict[str, str]) -> str:
    """The Thai text with its {placeholders} filled (values are used as written, backslashes too)."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def in_language(text: str | None, lang: str) -> str | None:
    """An ETL message or fix in the page's language; English text stays as written."""
    if text is None or lang != THAI:
        return text
    return thai(text) or text
