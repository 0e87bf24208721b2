; Inno Setup script: a per-user installer (no administrator rights needed on an office PC).
; Build on Windows after packaging/build.sh has produced packaging\dist\partnerboard:
;   iscc /DAppVersion=0.1.0 packaging\partnerboard.iss
; NOT TRIED HERE (no Windows machine in this workplace): see packaging/README.md.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{5C3E2F4A-8E7B-4D8B-9B2E-6A0C1F7D3B21}
AppName=partnerboard
AppVersion={#AppVersion}
AppPublisher=partnerboard
DefaultDirName={localappdata}\Programs\partnerboard
DefaultGroupName=partnerboard
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=dist
OutputBaseFilename=partnerboard-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\partnerboard.exe
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Files]
Source: "dist\partnerboard\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\partnerboard"; Filename: "{app}\partnerboard.exe"
Name: "{userdesktop}\partnerboard"; Filename: "{app}\partnerboard.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\partnerboard.exe"; Description: "Start partnerboard"; Flags: nowait postinstall skipifsilent

; The database, settings and backups live in the user's data folder and are never removed
; by the uninstaller: nothing committed is ever lost.
