; NSIS installer for Vindplaats: per user, no admin rights needed, silent for employer IT.
;
; Built by installer/build.py, which passes the one version (app/__init__.py):
;   makensis -DVERSION=0.1.0 -DVIVERSION=0.1.0.0 -DPAYLOAD=<frozen folder> -DOUTFILE=<exe> vindplaats.nsi
;
; For IT:  Vindplaats-<versie>-setup.exe /S          silent install for the current user
;          Vindplaats-<versie>-setup.exe /S /D=PATH  another folder (/D must come last)
;          "%LOCALAPPDATA%\Programs\Vindplaats\uninstall.exe" /S   silent uninstall
; The vault and the settings (%LOCALAPPDATA%\Vindplaats) are never touched by an install or
; an upgrade, and a silent uninstall never removes them.
Unicode true
ManifestDPIAware true

!ifndef VERSION
  !error "VERSION ontbreekt: bouw met installer/build.py (die geeft de versie uit app/__init__.py door)"
!endif
!ifndef VIVERSION
  !define VIVERSION "${VERSION}.0"
!endif
!ifndef PAYLOAD
  !error "PAYLOAD ontbreekt: de map met vindplaats.exe (installer/build.py geeft die door)"
!endif
!ifndef OUTFILE
  !define OUTFILE "Vindplaats-${VERSION}-setup.exe"
!endif

!define APPNAME "Vindplaats"
!define APPKEY "Software\Vindplaats"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Vindplaats"
; Where the app keeps the vault, key slots, log and preferences (platformdirs user_data_dir).
!define DATADIR "$LOCALAPPDATA\Vindplaats"
!define MENUDIR "$SMPROGRAMS\Vindplaats"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
; Per user: advisors on employer laptops have no admin rights.
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\Vindplaats"
InstallDirRegKey HKCU "${APPKEY}" "InstallDir"
SetCompressor /SOLID lzma
BrandingText "${APPNAME} ${VERSION}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define ICONFILE "${__FILEDIR__}\..\resources\icons\vindplaats.ico"
!if /FileExists "${ICONFILE}"
  !define MUI_ICON "${ICONFILE}"
  !define MUI_UNICON "${ICONFILE}"
!endif

!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\vindplaats.exe"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
; The uninstaller asks with a check box (off) whether the vault goes too.
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the fallback when Windows speaks neither.
!insertmacro MUI_LANGUAGE "Dutch"
!insertmacro MUI_LANGUAGE "English"

LangString SecProgram ${LANG_DUTCH} "Vindplaats (het programma)"
LangString SecProgram ${LANG_ENGLISH} "Vindplaats (the program)"
LangString SecData ${LANG_DUTCH} "Ook de kluis en de instellingen verwijderen"
LangString SecData ${LANG_ENGLISH} "Also remove the vault and the settings"
LangString DescProgram ${LANG_DUTCH} "Verwijdert het programma en de snelkoppelingen. Uw kluis blijft bewaard."
LangString DescProgram ${LANG_ENGLISH} "Removes the program and its shortcuts. Your vault is kept."
LangString DescData ${LANG_DUTCH} "Verwijdert ook alle gesprekken, signalen en verwijzingen in $LOCALAPPDATA\Vindplaats. Dit kan niet ongedaan worden gemaakt."
LangString DescData ${LANG_ENGLISH} "Also removes every conversation, signal and referral in $LOCALAPPDATA\Vindplaats. This cannot be undone."
LangString ConfirmData ${LANG_DUTCH} "De kluis wordt definitief verwijderd, met alle gesprekken, signalen en verwijzingen. Heeft u een reservekopie? Doorgaan?"
LangString ConfirmData ${LANG_ENGLISH} "The vault will be removed for good, with every conversation, signal and referral. Do you have a backup? Continue?"
LangString KeptData ${LANG_DUTCH} "De kluis en de instellingen blijven bewaard in $LOCALAPPDATA\Vindplaats."
LangString KeptData ${LANG_ENGLISH} "The vault and the settings are kept in $LOCALAPPDATA\Vindplaats."
LangString StillRunning ${LANG_DUTCH} "Vindplaats is nog geopend. Sluit Vindplaats en klik op Opnieuw."
LangString StillRunning ${LANG_ENGLISH} "Vindplaats is still open. Close Vindplaats and click Retry."
LangString TrainingShortcut ${LANG_DUTCH} "Vindplaats in trainingsmodus, met verzonnen gegevens"
LangString TrainingShortcut ${LANG_ENGLISH} "Vindplaats in training mode, with made-up data"
LangString AppShortcut ${LANG_DUTCH} "Vindplaats voor de vertrouwenspersoon"
LangString AppShortcut ${LANG_ENGLISH} "Vindplaats for the confidential advisor"

VIProductVersion "${VIVERSION}"
VIFileVersion "${VIVERSION}"
VIAddVersionKey /LANG=${LANG_DUTCH} "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=${LANG_DUTCH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_DUTCH} "FileDescription" "Installatie van Vindplaats voor de vertrouwenspersoon"
VIAddVersionKey /LANG=${LANG_DUTCH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_DUTCH} "LegalCopyright" "EUPL-1.2"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "Vindplaats setup, for the confidential advisor"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "EUPL-1.2"

; What a version of the program puts in $INSTDIR (PyInstaller's one-folder layout). Removing
; exactly this, never the whole folder, keeps anything else a user put there.
!macro RemoveProgramFiles
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\vindplaats.exe"
  Delete "$INSTDIR\vindplaats-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
!macroend

; An executable that is running cannot be opened for writing.
!macro WaitUntilClosed EXE
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    ${Do}
      ClearErrors
      FileOpen $0 "$INSTDIR\${EXE}" a
      ${IfNot} ${Errors}
        FileClose $0
        ${Break}
      ${EndIf}
      ; Silent (IT): give up with an error exit code instead of waiting for a click.
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDCANCEL IDRETRY +2
      Abort "$(StillRunning)"
    ${Loop}
  ${EndIf}
!macroend

Section "Vindplaats" SecMain
  SectionIn RO
  ; An upgrade replaces the program of the older version completely, so no library of the
  ; old bundle stays behind. The vault and settings live in ${DATADIR} and are not touched.
  !insertmacro WaitUntilClosed "vindplaats.exe"
  !insertmacro WaitUntilClosed "vindplaats-cli.exe"
  !insertmacro RemoveProgramFiles
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${APPKEY}" "Version" "${VERSION}"

  CreateDirectory "${MENUDIR}"
  CreateShortcut "${MENUDIR}\Vindplaats.lnk" "$INSTDIR\vindplaats.exe" "" \
    "$INSTDIR\vindplaats.exe" 0 SW_SHOWNORMAL "" "$(AppShortcut)"
  CreateShortcut "${MENUDIR}\Vindplaats training.lnk" "$INSTDIR\vindplaats.exe" "--demo" \
    "$INSTDIR\vindplaats.exe" 0 SW_SHOWNORMAL "" "$(TrainingShortcut)"

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\vindplaats.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

Section "un.$(SecProgram)" SecUnProgram
  SectionIn RO
  !insertmacro WaitUntilClosed "vindplaats.exe"
  !insertmacro WaitUntilClosed "vindplaats-cli.exe"
  !insertmacro RemoveProgramFiles
  RMDir "$INSTDIR"  ; only when empty
  Delete "${MENUDIR}\Vindplaats.lnk"
  Delete "${MENUDIR}\Vindplaats training.lnk"
  RMDir "${MENUDIR}"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "${APPKEY}"
SectionEnd

; Off unless the user ticks it, and never in a silent uninstall (IT must not wipe records).
Section /o "un.$(SecData)" SecUnData
  IfSilent keep
  MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(ConfirmData)" IDYES remove
  keep:
    DetailPrint "$(KeptData)"
    Goto done
  remove:
    RMDir /r "${DATADIR}"
  done:
SectionEnd

Function un.onInit
  ; The vault is never removed silently: make sure the box is off whatever the command line.
  ${If} ${Silent}
    !insertmacro UnselectSection ${SecUnData}
  ${EndIf}
FunctionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecUnProgram} "$(DescProgram)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecUnData} "$(DescData)"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END
