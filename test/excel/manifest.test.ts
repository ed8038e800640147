/**
 * The manifest validates against Microsoft's XSDs (offline, with xmllint, where both exist) and
 * holds together: every resource id resolves, every icon exists, every URL is served by the build
 * from one origin, the ribbon's functions are registered, and the Id is the permanent one.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const XSD_DIR = path.resolve(ROOT, '../shared/office-manifest-xsd');
const manifest = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
/** workbook.settings are bound to this Id: it must never change. */
const STABLE_ID = 'ae93a65c-c29d-4362-9952-c364dd4d992c';

function hasXmllint(): boolean {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

const canValidate = fs.existsSync(XSD_DIR) && hasXmllint();
if (!canValidate) console.warn('manifest schema check skipped: needs ../shared/office-manifest-xsd and xmllint (apt-get install -y libxml2-utils)');

(canValidate ? test : test.skip)('validates against OfficeAppManifestV1_1.xsd with xmllint', () => {
  const out = execFileSync('xmllint', ['--noout', '--nonet', '--schema', path.join(XSD_DIR, 'OfficeAppManifestV1_1.xsd'), path.join(ROOT, 'manifest.xml')], { stdio: 'pipe' });
  expect(out.toString()).toBe('');
});

(canValidate ? test : test.skip)('xmllint rejects a broken manifest (the check can fail)', () => {
  const broken = manifest.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>');
  const tmp = path.join(ROOT, 'test/output');
  fs.mkdirSync(tmp, { recursive: true });
  const file = path.join(tmp, 'manifest-broken.xml');
  fs.writeFileSync(file, broken);
  expect(() => execFileSync('xmllint', ['--noout', '--nonet', '--schema', path.join(XSD_DIR, 'OfficeAppManifestV1_1.xsd'), file], { stdio: 'pipe' })).toThrow();
});

test('the Id is the permanent GUID', () => {
  expect(/<Id>([^<]+)<\/Id>/.exec(manifest)?.[1]).toBe(STABLE_ID);
});

const attrs = (name: string) => [...manifest.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

test('every resid resolves to exactly one resource', () => {
  const ids = [...manifest.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
  const resids = attrs('resid');
  expect(resids.length).toBeGreaterThan(10);
  for (const r of resids) expect(ids).toContain(r);
});

test('every string has an en-US override and fits its length limit', () => {
  for (const [section, limit] of [['ShortStrings', 125], ['LongStrings', 250]] as const) {
    const body = new RegExp(`<bt:${section}>([\\s\\S]*?)</bt:${section}>`).exec(manifest)![1];
    const strings = [...body.matchAll(/<bt:String id="([^"]+)" DefaultValue="([^"]*)">\s*<bt:Override Locale="en-US" Value="([^"]*)"\/>/g)];
    const count = (body.match(/<bt:String /g) ?? []).length;
    expect(strings.length).toBe(count);
    for (const [, , zh, en] of strings) {
      expect(zh.length).toBeLessThanOrEqual(limit);
      expect(en.length).toBeLessThanOrEqual(limit);
      expect(/[\u4e00-\u9fff]/.test(zh)).toBe(true);
    }
  }
});

test('the ribbon has 校验, 打开助手, 生成报告 and 清除标记 on the Home tab', () => {
  expect(manifest).toContain('<OfficeTab id="TabHome">');
  for (const label of ['校验', '打开助手', '生成报告', '清除标记']) expect(manifest).toContain(`DefaultValue="${label}"`);
  expect(manifest).toContain('<Permissions>ReadWriteDocument</Permissions>');
});

test('every icon file exists and is a PNG of the size it claims', () => {
  const images = [...manifest.matchAll(/<bt:Image id="[^"]+" DefaultValue="([^"]+)"/g)].map((m) => m[1]);
  const icons = [...manifest.matchAll(/<(?:IconUrl|HighResolutionIconUrl) DefaultValue="([^"]+)"/g)].map((m) => m[1]);
  for (const url of [...images, ...icons]) {
    const file = path.join(ROOT, new URL(url).pathname);
    expect(fs.existsSync(file)).toBe(true);
    const png = fs.readFileSync(file);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const size = Number(/icon-(\d+)\.png$/.exec(file)?.[1]);
    expect(png.readUInt32BE(16)).toBe(size);
    expect(png.readUInt32BE(20)).toBe(size);
  }
});

test('the add-in icons have the sizes a task pane add-in needs: IconUrl 32 px, HighResolutionIconUrl 64 px', () => {
  // Microsoft's manifest reference: for task pane add-ins IconUrl is 32 x 32 and
  // HighResolutionIconUrl must be 64 x 64 (the 80 px image is for ribbon buttons only).
  const pngSize = (element: string) => {
    const url = new RegExp(`<${element} DefaultValue="([^"]+)"`).exec(manifest)![1];
    const png = fs.readFileSync(path.join(ROOT, new URL(url).pathname));
    return [png.readUInt32BE(16), png.readUInt32BE(20)];
  };
  expect(pngSize('IconUrl')).toEqual([32, 32]);
  expect(pngSize('HighResolutionIconUrl')).toEqual([64, 64]);
});

test('all URLs share one origin, listed in AppDomains, and each page is produced by the build', () => {
  const urls = [...manifest.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
  const origins = new Set(urls.map((u) => new URL(u).origin));
  expect(origins.size).toBe(1);
  const [origin] = origins;
  expect(origin.startsWith('https://')).toBe(true);
  expect(manifest).toContain(`<AppDomain>${origin}</AppDomain>`);
  const source = /<SourceLocation DefaultValue="([^"]+)"/.exec(manifest)![1];
  expect(urls).toContain(source);
  const webpack = fs.readFileSync(path.join(ROOT, 'webpack.config.js'), 'utf8');
  for (const u of urls) {
    const page = new URL(u).pathname.replace(/^\//, '');
    if (page.startsWith('assets/')) continue;
    // Every page is emitted by webpack: HtmlWebpackPlugin or a copy pattern.
    expect(webpack).toMatch(new RegExp(`(filename: '${page}'|to: '${page}')`));
  }
});

test('the ribbon functions are registered by the function file', () => {
  const commands = fs.readFileSync(path.join(ROOT, 'src/excel/commands.ts'), 'utf8');
  const names = [...manifest.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]);
  expect(names).toEqual(['validateAndHighlight', 'clearMarks']);
  for (const n of names) expect(commands).toContain(`associate('${n}'`);
});
