import ExcelJS from 'exceljs';
import { readModel } from '../../../src/core/recognise';
import { WorkbookSnapshot } from '../../../src/core/snapshot';
import { readOoxml } from '../../../src/ooxml/reader';

const sheet = (name: string, values: (string | number | null)[][]) => ({ name, values });

describe('年度 and 单位名称 from the tables themselves', () => {
  it('reads the 编制部门 row and the title\'s year, each with its cell', () => {
    const wb: WorkbookSnapshot = {
      sheets: [sheet('收入', [['2026年部门收入预算总表', null], ['编制部门：上海市普陀区城市管理行政执法局', '单位：元'], ['项目', '合计'], ['合计', 100]])],
    };
    const info = readModel(wb).model.documentInfo!;
    expect(info.year).toEqual({ value: '2026', sheet: '收入', cell: 'A1', how: '表题' });
    expect(info.unitName).toEqual({ value: '上海市普陀区城市管理行政执法局', sheet: '收入', cell: 'A2', how: '编制单位行' });
    expect(info.kind).toBe('预算');
  });
  it('takes a unit before the year in a title, never a date (填报日期) for the year', () => {
    const wb: WorkbookSnapshot = { sheets: [sheet('三公', [['天津市西青区行政审批局2016年“三公”经费预算', null], ['填报日期：2017年4月15日', null], ['合计', 1.7]])] };
    const info = readModel(wb).model.documentInfo!;
    expect([info.year?.value, info.unitName?.value, info.unitName?.how]).toEqual(['2016', '天津市西青区行政审批局', '表题']);
  });
  it('falls back to the file\'s properties, and says so', async () => {
    const wb = new ExcelJS.Workbook();
    wb.title = '某某县农业农村局2024年度部门决算';
    wb.company = '某某县财政局';
    const ws = wb.addWorksheet('支出决算表');
    ws.addRow(['项目', '本年支出合计']);
    ws.addRow(['合计', 100]);
    const snapshot = await readOoxml(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(snapshot.properties).toEqual({ title: '某某县农业农村局2024年度部门决算', company: '某某县财政局' });
    const info = readModel(snapshot).model.documentInfo!;
    expect([info.year?.value, info.year?.how, info.unitName?.value, info.unitName?.how]).toEqual(['2024', '文件属性', '某某县农业农村局', '文件属性']);
  });
});
