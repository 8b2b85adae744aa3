@echo off
rem Double-click me beside the stick's honorboard folder (E:\honorboard): checks it, writes
rem REPORT.txt and the preview sheets into it, and opens the preview window (docs/windows.md).
rem The program is the folder honorboard-windows beside this file, or this file's own folder.
rem ASCII only: cmd.exe reads a .bat in the console's code page, honorboard.exe speaks UTF-8.
setlocal
set "LANGUAGE=zh_CN"
set "HB=%~dp0honorboard-windows\honorboard.exe"
if not exist "%HB%" set "HB=%~dp0honorboard.exe"
"%HB%" desk "%~dp0honorboard"
pause
