// A chosen file as base64 for the contract (the file never touches a path the renderer knows).
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error(`「${file.name}」を読み込めません`));
    reader.readAsDataURL(file);
  });
}
