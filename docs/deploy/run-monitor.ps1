<#
  Started by the dnsfleet-monitor service (install-windows-service.ps1): loads passwords.env from the
  data dir into this process's environment (DNSFLEET_* names only, as fleet.json may name no other) and
  runs `dnsfleet monitor` in the foreground. UNTESTED on Windows (see install-windows-service.ps1).
#>
param(
  [Parameter(Mandatory = $true)] [string] $Dnsfleet,
  [Parameter(Mandatory = $true)] [string] $DataDir,
  [Parameter(Mandatory = $true)] [string] $Fleet,
  [string] $Listen = '127.0.0.1:9469'
)
$ErrorActionPreference = 'Stop'
$passwords = Join-Path $DataDir 'passwords.env'
if (Test-Path $passwords) {
  foreach ($line in Get-Content -Path $passwords) {
    if ($line -match '^\s*(DNSFLEET_[A-Z0-9_]{1,64})=(.*)$') {
      [Environment]::SetEnvironmentVariable($Matches[1], $Matches[2], 'Process')
    }
  }
}
& $Dnsfleet monitor --data-dir $DataDir --config $Fleet --json --metrics-listen $Listen
exit $LASTEXITCODE
