/**
 * Traditional → simplified for the characters of budget-table labels. Mirrors of published pages are
 * often served in traditional characters; the labels still name the same lines (公務用車購置費 is
 * 公务用车购置费). Only the characters these labels use: not a general converter.
 */
const PAIRS =
  '務务車车運运維维護护費费購购國国際际經经營营預预數数計计總总單单財财撥拨項项門门會会議议際际' +
  '補补類类結结餘余轉转撥拨級级對对場场隊队團团關关統统雜杂專专戶户資资產产辦办標标準准' +
  '歲岁廳厅縣县區区鎮镇職职業业勞劳衛卫環环築筑農农災灾難难氣气發发規规劃划幹干機机歸归' +
  '實实際际決决說说明明請请貸贷債债稅税處处險险廠厂優优買买賣卖購购約约應应減减增增幅幅' +
  '與与這这個个們们為为從从於于並并來来時时無无裡里後后當当億亿萬万省省稅税級级縣县鄉乡鎮镇區区州州' +
  '變变額额較较長长執执績绩價价確确達达況况評评覈核進进施施';

const MAP = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) MAP.set(PAIRS[i], PAIRS[i + 1]);

/** Folds the traditional characters listed above; everything else is left as it is. */
export function foldTraditional(text: string): string {
  let out = '';
  let changed = false;
  for (const ch of text) {
    const s = MAP.get(ch);
    if (s !== undefined && s !== ch) changed = true;
    out += s ?? ch;
  }
  return changed ? out : text;
}

/** Some mirrors annotate characters with their reading: 預(yù)算 → 預算. */
export function withoutPinyin(text: string): string {
  return text.replace(/[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]/g, '');
}
