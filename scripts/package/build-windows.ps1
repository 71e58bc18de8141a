<#
.SYNOPSIS
  X方針ワークベンチ の Windows 版 (インストーラーと portable) を作ります。
  Builds the per-user NSIS installer and the portable .exe on a connected Windows PC — the same
  steps as .github/workflows/windows.yml.

.DESCRIPTION
  必要なもの / Needs: Node.js 20.19 以上 (npm 付き), Git, Python 3, Visual Studio Build Tools
  (「C++ によるデスクトップ開発」) — better-sqlite3 を Electron 用にビルドするため。
  インターネット接続 (npm レジストリ、Electron 本体とヘッダーのダウンロード)。

  使い方 / Usage (PowerShell, リポジトリのフォルダで):
    powershell -ExecutionPolicy Bypass -File scripts\package\build-windows.ps1

  出力 / Output: dist\XPolicyWorkbench-Setup-<版>-x64.exe, dist\XPolicyWorkbench-Portable-<版>-x64.exe,
  それぞれの .sha256 と dist\SHA256SUMS.txt (持ち込み申請に記載するハッシュ値)。
#>
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..\..')

function Invoke-Step([string]$Name, [scriptblock]$Block) {
  Write-Host "::: $Name"
  & $Block
  if ($LASTEXITCODE -ne 0) { throw "$Name が失敗しました (終了コード $LASTEXITCODE)" }
}

$nodeVersion = [version]((node --version).TrimStart('v'))
if ($nodeVersion -lt [version]'20.19.0') { throw "Node.js 20.19 以上が必要です (現在 $nodeVersion)" }

# 1. Dependencies exactly as locked (install scripts stay off: see .npmrc).
Invoke-Step 'npm ci' { npm ci --no-audit --no-fund }
# 2-5. Native module for Electron's ABI, build, NSIS + portable, package check, SHA-256.
Invoke-Step 'build-windows' { node node_modules/tsx/dist/cli.mjs scripts/package/build-windows.ts }

# Cross-check the written hashes with Windows' own tool.
Write-Host '::: SHA-256 (Get-FileHash)'
foreach ($exe in Get-ChildItem dist -Filter 'XPolicyWorkbench-*.exe') {
  $hash = (Get-FileHash $exe.FullName -Algorithm SHA256).Hash.ToLowerInvariant()
  $written = ((Get-Content "$($exe.FullName).sha256" -Raw).Split(' ')[0]).Trim()
  if ($hash -ne $written) { throw "$($exe.Name): .sha256 と一致しません ($hash / $written)" }
  Write-Host ("{0}  {1}" -f $hash, $exe.Name)
}
Write-Host '完了: dist フォルダの .exe と .sha256 を持ち込み申請に使ってください。'
