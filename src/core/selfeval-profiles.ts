/**
 * Scoring profiles of the 绩效自评表, as data (REFERENCE.md §5): the national rules of 财预〔2020〕10号 and the
 * Sichuan and Chongqing variants. The recogniser picks one by the table's own header words; a province adds
 * its own by adding an entry here, with no code.
 */
export interface GradeBand {
  /** The lowest total of the band (inclusive). */
  min: number;
  grade: string;
}

export interface ScoringProfile {
  name: string;
  label: string;
  /** Header words that identify the layout (any of them). */
  detect: RegExp[];
  /** Points for the execution rate (10), and the total the 分值 add up to (100). */
  rateWeight: number;
  totalWeight: number;
  grades: GradeBand[];
  /** An execution rate below `rateBelow` caps the total at `maxTotal` (where a province's rules say so). */
  caps: { rateBelow: number; maxTotal: number }[];
  /** 执行率 below this needs a 偏差原因. */
  reasonBelowRate: number;
}

const GRADES: GradeBand[] = [
  { min: 90, grade: '优' },
  { min: 80, grade: '良' },
  { min: 60, grade: '中' },
  { min: 0, grade: '差' },
];

export const SCORING_PROFILES: ScoringProfile[] = [
  {
    name: 'chongqing',
    label: '重庆市部门整体支出绩效自评（执行率权重、得分系数、指标权重）',
    detect: [/得分系数/, /执行率权重/, /指标权重/],
    rateWeight: 10,
    totalWeight: 100,
    grades: GRADES,
    caps: [],
    reasonBelowRate: 0.9,
  },
  {
    name: 'sichuan',
    label: '四川省项目支出绩效自评（预算执行情况10分 + 绩效指标90分）',
    detect: [/预算执行情况[（(]10分[)）]/, /绩效指标[（(]90分[)）]/, /调整后预算数/],
    rateWeight: 10,
    totalWeight: 100,
    grades: GRADES,
    caps: [],
    reasonBelowRate: 0.9,
  },
  {
    // Some provincial systems cap the total by the execution rate (REFERENCE.md §5); chosen by a setting.
    name: 'capped',
    label: '按执行率封顶（执行率 70–80% 总分不超过 89，60–70% 不超过 79，50–60% 不超过 69，低于 50% 不超过 59）',
    detect: [],
    rateWeight: 10,
    totalWeight: 100,
    grades: GRADES,
    caps: [
      { rateBelow: 0.5, maxTotal: 59 },
      { rateBelow: 0.6, maxTotal: 69 },
      { rateBelow: 0.7, maxTotal: 79 },
      { rateBelow: 0.8, maxTotal: 89 },
    ],
    reasonBelowRate: 0.9,
  },
  {
    name: 'national',
    label: '财预〔2020〕10号 项目支出绩效自评表（执行率10分，产出50、效益30、满意度10）',
    detect: [],
    rateWeight: 10,
    totalWeight: 100,
    grades: GRADES,
    caps: [],
    reasonBelowRate: 0.9,
  },
];

/** The profile a setting names (a province's), else the one the table's layout matched. */
export function profileFor(table: { profile: string }, setting?: string): ScoringProfile {
  return SCORING_PROFILES.find((p) => p.name === setting) ?? profileNamed(table.profile);
}

export function profileNamed(name: string): ScoringProfile {
  return SCORING_PROFILES.find((p) => p.name === name) ?? SCORING_PROFILES[SCORING_PROFILES.length - 1];
}

/** The grade a total earns under a profile (exactly 90.00 is 优). */
export function gradeOf(profile: ScoringProfile, total: number): string {
  return profile.grades.find((g) => total >= g.min)?.grade ?? profile.grades[profile.grades.length - 1].grade;
}
