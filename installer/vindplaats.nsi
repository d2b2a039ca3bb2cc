; NSIS installer for Vindplaats: per-user install, no admin rights needed.
; Built by installer/build.py:  makensis -DVERSION=x.y.z -DSOURCE=<dist folder> vindplaats.nsi
Unicode true
!include "MUI2.nsh"

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef SOURCE
  !define SOURCE "dist\vindplaats"
!endif
!ifndef OUTFILE
  !define OUTFILE "dist\Vindplaats-${VERSION}-setup.exe"
!endif

Name "Vindplaats"
OutFile "${OUTFILE}"
; Per-user: advisors on employer laptops have no admin rights.
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\Vindplaats"
InstallDirRegKey HKCU "Software\Vindplaats" "InstallDir"
SetCompressor /SOLID lzma

!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\vindplaats.exe"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Dutch"
!insertmacro MUI_LANGUAGE "English"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_DUTCH} "ProductName" "Vindplaats"
VIAddVersionKey /LANG=${LANG_DUTCH} "FileDescription" "Vindplaats voor de vertrouwenspersoon"
VIAddVersionKey /LANG=${LANG_DUTCH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_DUTCH} "LegalCopyright" "EUPL-1.2"

Section "Vindplaats" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File /r "${SOURCE}\*.*"
  WriteRegStr HKCU "Software\Vindplaats" "InstallDir" "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateDirectory "$SMPROGRAMS\Vindplaats"
  CreateShortcut "$SMPROGRAMS\Vindplaats\Vindplaats.lnk" "$INSTDIR\vindplaats.exe"
  CreateShortcut "$SMPROGRAMS\Vindplaats\Vindplaats training.lnk" "$INSTDIR\vindplaats.exe" "--demo"
  WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\Vindplaats" "DisplayName" "Vindplaats"
  WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\Vindplaats" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\Vindplaats" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegDWORD HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\Vindplaats" "NoModify" 1
SectionEnd

; Uninstalling removes the program, never the vault: records live in %LOCALAPPDATA%\Vindplaats
; and are only removed by the advisor.
Section "Uninstall"
  RMDir /r "$INSTDIR"
  Delete "$SMPROGRAMS\Vindplaats\Vindplaats.lnk"
  Delete "$SMPROGRAMS\Vindplaats\Vindplaats training.lnk"
  RMDir "$SMPROGRAMS\Vindplaats"
  DeleteRegKey HKCU "Software\Microsoft\Windows\CurrentVersion\Uninstall\Vindplaats"
  DeleteRegKey HKCU "Software\Vindplaats"
SectionEnd
