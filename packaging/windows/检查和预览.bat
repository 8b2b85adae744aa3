@echo off
chcp 65001 >nul
rem 检查和预览.bat - beside the stick's honorboard\ folder (E:\honorboard): checks it, writes
rem REPORT.txt and 预览.png into it, and opens the preview window (docs/windows.md).
rem The program is the folder honorboard-windows\ beside this file, or this file's own folder.
setlocal
set "LANG=zh_CN.UTF-8"
set "HERE=%~dp0"
set "HB=%HERE%honorboard-windows\honorboard.exe"
if not exist "%HB%" set "HB=%HERE%honorboard.exe"
set "DIR=%HERE%honorboard"
if not exist "%DIR%\" (
  echo 找不到 honorboard 文件夹：%DIR%
  echo 请把本文件放在U盘最外层，和 honorboard 文件夹放在一起。
  pause
  exit /b 2
)
"%HB%" check "%DIR%" > "%DIR%\REPORT.txt" 2>&1
set "RC=%ERRORLEVEL%"
"%HB%" render "%DIR%" --out "%TEMP%\honorboard-preview" --sheet "%DIR%\预览.png" >nul 2>&1
type "%DIR%\REPORT.txt"
echo.
if "%RC%"=="0" (echo 检查通过。报告：%DIR%\REPORT.txt  预览：%DIR%\预览.png) else (echo 内容有错误，请按 REPORT.txt 修改后再双击本文件。)
start "honorboard" "%HB%" play "%DIR%" --window
pause
