; Inno Setup 6 script: installs the PyInstaller bundle dist\counter\ built ON WINDOWS
; (`pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller installer\counter.spec`
; after building the .qm files with pyside6-lrelease). It cannot be built or tried on Linux.
; Compile: iscc installer\windows\counter.iss  ->  dist\yichuang-counter-setup-0.1.0.exe
#define AppVersion "0.1.0"

[Setup]
AppId={{6C1F3E2A-7B1D-4C55-9E0A-0D4F1A2B3C4D}
AppName=一窗通办 Counter
AppVersion={#AppVersion}
AppPublisher=yichuang-counter
DefaultDirName={autopf}\yichuang-counter
DefaultGroupName=一窗通办
OutputDir=..\..\dist
OutputBaseFilename=yichuang-counter-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\counter.ico
UninstallDisplayIcon={app}\counter.exe
Compression=lzma2/max
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\counter\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\一窗通办 窗口"; Filename: "{app}\counter.exe"
Name: "{group}\自助机"; Filename: "{app}\counter.exe"; Parameters: "--kiosk"
Name: "{group}\叫号屏"; Filename: "{app}\counter.exe"; Parameters: "--display"
Name: "{autodesktop}\一窗通办 窗口"; Filename: "{app}\counter.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
; a quick check that the installed program starts (windows offscreen, a receipt rendered)
Filename: "{app}\counter.exe"; Parameters: "--self-test"; Flags: runhidden waituntilterminated; StatusMsg: "Self-test…"
