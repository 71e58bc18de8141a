// Hands a file the preview server prepared (GET /download/<id>) to the browser's downloads.
// In the desktop app files are saved through the Save dialog instead and this is not used.
export function downloadUrl(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
}
