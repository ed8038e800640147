/**
 * Text normalisation that keeps every character in place: full-width digits and
 * punctuation become half-width, traditional characters met in budget prose become
 * simplified, one character for one character. Offsets into the normalised string are
 * therefore offsets into the text as read.
 */

// Traditional → simplified for the vocabulary of budget and self-evaluation reports.
const TRAD = '預決結餘轉調減實際資項經費萬億計總佔長較與達為個專補貼護設備購採務會議訓練車輛運單財撥級產開幹黨組織員養險處請寫沒無說況關問題績評價數額舉報歲門動現辦機構標準執從這們來對於過還後當應須發並將據則製場質體權區縣鄉鎮務辦與補億帳賬書記習參導總屬態勢區離職環境衛醫療藥學校園網絡電腦費業類別統計標識獎懲倉儲維修繕廳局監獲獎狀態減輕負擔優勢條規範營銷傳遞積極態勢檢查驗證確認況';
const SIMP = '预决结余转调减实际资项经费万亿计总占长较与达为个专补贴护设备购采务会议训练车辆运单财拨级产开干党组织员养险处请写没无说况关问题绩评价数额举报岁门动现办机构标准执从这们来对于过还后当应须发并将据则制场质体权区县乡镇务办与补亿帐账书记习参导总属态势区离职环境卫医疗药学校园网络电脑费业类别统计标识奖惩仓储维修缮厅局监获奖状态减轻负担优势条规范营销传递积极态势检查验证确认况';

const MAP = new Map<number, string>();
for (let i = 0; i < TRAD.length && i < SIMP.length; i++) MAP.set(TRAD.charCodeAt(i), SIMP[i]);
// Full-width digits, letters and the punctuation that matters to parsing.
for (let c = 0xff10; c <= 0xff19; c++) MAP.set(c, String.fromCharCode(c - 0xfee0));
for (let c = 0xff21; c <= 0xff3a; c++) MAP.set(c, String.fromCharCode(c - 0xfee0));
for (let c = 0xff41; c <= 0xff5a; c++) MAP.set(c, String.fromCharCode(c - 0xfee0));
const PUNCT: Record<string, string> = {
  '．': '.',
  '％': '%',
  '（': '(',
  '）': ')',
  '：': ':',
  '；': ';',
  '｜': '|',
  '\u3000': ' ',
  '\u00a0': ' ',
  '﹪': '%',
  '［': '[',
  '］': ']',
  '〔': '(',
  '〕': ')',
  '＋': '+',
  '－': '-',
  '，': '，',
  '、': '、',
  '！': '。',
  '？': '。',
  '!': '。',
  '?': '。',
  '‰': '‰',
};
for (const [k, v] of Object.entries(PUNCT)) MAP.set(k.charCodeAt(0), v);

/** Same length as the input; see the module comment. */
const FW_DIGIT = /[０-９]/;

export function normalizeText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    // A full-width comma between full-width digit groups is a thousands separator: ２，１２８．４８.
    if (ch === '，' && FW_DIGIT.test(s[i - 1] ?? '') && /^[０-９]{3}(?![０-９])/.test(s.slice(i + 1, i + 5))) {
      out += ',';
      continue;
    }
    const m = MAP.get(s.charCodeAt(i));
    out += m ?? ch;
  }
  return out;
}

/** A label reduced for comparison: no spaces, quotes or stray punctuation. */
export function labelKey(label: string): string {
  return normalizeText(label)
    .replace(/[\s“”"'‘’《》〈〉*_]/g, '')
    .replace(/^[、，,:;.]+|[、，,:;.]+$/g, '');
}
