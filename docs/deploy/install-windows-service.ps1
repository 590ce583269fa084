<#
  `dnsfleet monitor` as a Windows service for one site: the Windows counterpart of
  dnsfleet-monitor.service (systemd). UNTESTED: the project is built and tested on Linux only, and
  nothing here has been run on Windows. Read it before you run it, as an administrator.

  What it sets up
  - A service "dnsfleet-monitor" run by NSSM (https://nssm.cc): dnsfleet is a console program, not a
    Windows service binary, so a service wrapper starts it, restarts it on failure and stops it with
    Ctrl+C (dnsfleet flushes its event log on SIGINT, like SIGTERM under systemd).
  - A dedicated account: the virtual service account "NT SERVICE\dnsfleet-monitor" (no password to
    manage, its own SID; not an administrator).
  - A data dir, C:\ProgramData\dnsfleet (event log, alert outbox, settings.json, logs), writable only by
    that account, SYSTEM and Administrators.
  - Passwords: a service account has no desktop keychain. As with the systemd unit, the fleet file names
    environment variables (passwordEnv: DNSFLEET_*); their values go in passwords.env in the data dir
    (same ACL), read by run-monitor.ps1 at start. Not in the service's registry environment: the
    Services registry key is readable by every local user.
  - /metrics on 127.0.0.1:9469 for a Prometheus or agent on this machine.

  Usage (elevated PowerShell):
    .\install-windows-service.ps1 -Nssm C:\Tools\nssm.exe -Dnsfleet 'C:\Program Files\DNS Fleet Monitor\dnsfleet.cmd' -Fleet C:\ProgramData\dnsfleet\fleet.json
#>
[CmdletBinding()]
param(
  [Parameter(Mandatory = $true)] [string] $Nssm,
  [Parameter(Mandatory = $true)] [string] $Dnsfleet,
  [Parameter(Mandatory = $true)] [string] $Fleet,
  [string] $DataDir = 'C:\ProgramData\dnsfleet',
  [string] $Listen = '127.0.0.1:9469',
  [string] $ServiceName = 'dnsfleet-monitor'
)
$ErrorActionPreference = 'Stop'
$account = "NT SERVICE\$ServiceName"

# The data dir: inheritance off; only the service account, SYSTEM and Administrators.
New-Item -ItemType Directory -Force -Path $DataDir | Out-Null
$passwords = Join-Path $DataDir 'passwords.env'
if (-not (Test-Path $passwords)) {
  Set-Content -Path $passwords -Encoding UTF8 -Value "# NAME=value per line, names as fleet.json's passwordEnv (DNSFLEET_...)`r`n# DNSFLEET_HQ1_PASSWORD=..."
}

# The wrapper NSSM runs: loads passwords.env into the process environment, then runs the monitor.
$runner = Join-Path $DataDir 'run-monitor.ps1'
Copy-Item -Force -Path (Join-Path $PSScriptRoot 'run-monitor.ps1') -Destination $runner
$arguments = "-NoProfile -ExecutionPolicy Bypass -File `"$runner`" -Dnsfleet `"$Dnsfleet`" -DataDir `"$DataDir`" -Fleet `"$Fleet`" -Listen $Listen"

& $Nssm install $ServiceName 'powershell.exe' $arguments
& $Nssm set $ServiceName DisplayName 'DNS Fleet Monitor (headless) for this site'
# A virtual account has no password: sc.exe sets it (obj= needs the space after '=').
& sc.exe config $ServiceName obj= $account | Out-Null
& $Nssm set $ServiceName Start SERVICE_DELAYED_AUTO_START
& $Nssm set $ServiceName AppDirectory $DataDir
& $Nssm set $ServiceName AppStdout (Join-Path $DataDir 'logs\service-stdout.log')
& $Nssm set $ServiceName AppStderr (Join-Path $DataDir 'logs\service-stderr.log')
& $Nssm set $ServiceName AppRotateFiles 1
& $Nssm set $ServiceName AppRotateBytes 10485760
# Stop: Ctrl+C first (the event log is flushed), then give up after 15 s, like TimeoutStopSec=15.
& $Nssm set $ServiceName AppStopMethodSkip 6
& $Nssm set $ServiceName AppStopMethodConsole 15000
& $Nssm set $ServiceName AppExit Default Restart
& $Nssm set $ServiceName AppRestartDelay 5000

# The virtual account exists once the service does: now the ACL can name it.
New-Item -ItemType Directory -Force -Path (Join-Path $DataDir 'logs') | Out-Null
& icacls $DataDir /inheritance:r /grant:r "${account}:(OI)(CI)M" 'SYSTEM:(OI)(CI)F' 'Administrators:(OI)(CI)F' | Out-Null
& icacls $Fleet /grant "${account}:R" | Out-Null

Write-Host "Installed $ServiceName. Put the passwords in $passwords, then: Start-Service $ServiceName"
Write-Host "Check: Invoke-WebRequest http://$Listen/metrics ; logs in $DataDir\logs"
