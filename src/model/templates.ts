/**
 * The three statistical tables of the annual report, as fixed by 国办公开办函〔2021〕30号 and
 * the 2019 trial format (国办公开办函〔2019〕60号). See docs/format.md §3 and §5.
 */

export interface RowTemplate {
  id: string;
  /** The official label, as printed in the format. */
  label: string;
  /** The part of the label that identifies the row (normalised, no enumerator). */
  key: string;
  /** Column ids of the row's cells, in order. */
  columns: readonly string[];
  /** Values that may be decimals (万元) or signed (2019 本年增/减) or free-form amounts. */
  allowDecimal?: boolean;
  allowNegative?: boolean;
}

export interface TableTemplate {
  rows: readonly RowTemplate[];
  /** Other labels that belong to the table (captions, column headers, group labels). */
  vocabulary: readonly string[];
}

// ---- Table 二: 主动公开政府信息情况 -------------------------------------------------------

const T2_2021_COLS1 = ['本年制发件数', '本年废止件数', '现行有效件数'] as const;
const T2_2019_COLS1 = ['本年新制作数量', '本年新公开数量', '对外公开总数量'] as const;
const T2_2019_COLS56 = ['上一年项目数量', '本年增/减', '处理决定数量'] as const;

export const T2_CAPTIONS = ['第二十条第(一)项', '第二十条第(五)项', '第二十条第(六)项', '第二十条第(八)项', '第二十条第(九)项'];

export const T2_2021: TableTemplate = {
  rows: [
    { id: 't2.rules', label: '规章', key: '规章', columns: T2_2021_COLS1 },
    { id: 't2.normative', label: '行政规范性文件', key: '行政规范性文件', columns: T2_2021_COLS1 },
    { id: 't2.license', label: '行政许可', key: '行政许可', columns: ['本年处理决定数量'] },
    { id: 't2.penalty', label: '行政处罚', key: '行政处罚', columns: ['本年处理决定数量'] },
    { id: 't2.coercion', label: '行政强制', key: '行政强制', columns: ['本年处理决定数量'] },
    { id: 't2.fees', label: '行政事业性收费', key: '行政事业性收费', columns: ['本年收费金额（单位：万元）'], allowDecimal: true },
  ],
  vocabulary: [...T2_CAPTIONS, '信息内容', ...T2_2021_COLS1, '本年处理决定数量', '本年收费金额(单位:万元)'],
};

export const T2_2019: TableTemplate = {
  rows: [
    { id: 't2.rules', label: '规章', key: '规章', columns: T2_2019_COLS1 },
    { id: 't2.normative', label: '规范性文件', key: '规范性文件', columns: T2_2019_COLS1 },
    { id: 't2.license', label: '行政许可', key: '行政许可', columns: T2_2019_COLS56, allowNegative: true },
    { id: 't2.otherServices', label: '其他对外管理服务事项', key: '其他对外管理服务事项', columns: T2_2019_COLS56, allowNegative: true },
    { id: 't2.penalty', label: '行政处罚', key: '行政处罚', columns: T2_2019_COLS56, allowNegative: true },
    { id: 't2.coercion', label: '行政强制', key: '行政强制', columns: T2_2019_COLS56, allowNegative: true },
    { id: 't2.fees', label: '行政事业性收费', key: '行政事业性收费', columns: ['上一年项目数量', '本年增/减'], allowNegative: true },
    { id: 't2.procurement', label: '政府集中采购', key: '政府集中采购', columns: ['采购项目数量', '采购总金额'], allowDecimal: true },
  ],
  vocabulary: [...T2_CAPTIONS, '信息内容', ...T2_2019_COLS1, ...T2_2019_COLS56, '采购项目数量', '采购总金额'],
};

// ---- Table 三: 收到和处理政府信息公开申请情况 -------------------------------------------------

export const T3_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'] as const;

export const T3_NOTE = '(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)';

const T3_HEADER_WORDS = ['申请人情况', '自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计', T3_NOTE];
export const T3_GROUPS = ['三、本年度办理结果', '(三)不予公开', '(四)无法提供', '(五)不予处理', '(六)其他处理'];

function t3(id: string, label: string, key: string): RowTemplate {
  return { id, label, key, columns: T3_COLUMNS };
}

const T3_HEAD: RowTemplate[] = [
  t3('t3.new', '一、本年新收政府信息公开申请数量', '本年新收政府信息公开申请数量'),
  t3('t3.carried', '二、上年结转政府信息公开申请数量', '上年结转政府信息公开申请数量'),
  t3('t3.open', '（一）予以公开', '予以公开'),
  t3('t3.partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '部分公开'),
  t3('t3.deny.1', '（三）不予公开·1.属于国家秘密', '属于国家秘密'),
  t3('t3.deny.2', '（三）不予公开·2.其他法律行政法规禁止公开', '其他法律行政法规禁止公开'),
  t3('t3.deny.3', '（三）不予公开·3.危及“三安全一稳定”', '危及"三安全一稳定"'),
  t3('t3.deny.4', '（三）不予公开·4.保护第三方合法权益', '保护第三方合法权益'),
  t3('t3.deny.5', '（三）不予公开·5.属于三类内部事务信息', '属于三类内部事务信息'),
  t3('t3.deny.6', '（三）不予公开·6.属于四类过程性信息', '属于四类过程性信息'),
  t3('t3.deny.7', '（三）不予公开·7.属于行政执法案卷', '属于行政执法案卷'),
  t3('t3.deny.8', '（三）不予公开·8.属于行政查询事项', '属于行政查询事项'),
  t3('t3.unable.1', '（四）无法提供·1.本机关不掌握相关政府信息', '本机关不掌握相关政府信息'),
  t3('t3.unable.2', '（四）无法提供·2.没有现成信息需要另行制作', '没有现成信息需要另行制作'),
  t3('t3.unable.3', '（四）无法提供·3.补正后申请内容仍不明确', '补正后申请内容仍不明确'),
  t3('t3.reject.1', '（五）不予处理·1.信访举报投诉类申请', '信访举报投诉类申请'),
  t3('t3.reject.2', '（五）不予处理·2.重复申请', '重复申请'),
  t3('t3.reject.3', '（五）不予处理·3.要求提供公开出版物', '要求提供公开出版物'),
  t3('t3.reject.4', '（五）不予处理·4.无正当理由大量反复申请', '无正当理由大量反复申请'),
  t3('t3.reject.5', '（五）不予处理·5.要求行政机关确认或重新出具已获取信息', '要求行政机关确认或重新出具已获取信息'),
];

const T3_TAIL: RowTemplate[] = [t3('t3.total', '（七）总计', '总计'), t3('t3.carryOver', '四、结转下年度继续办理', '结转下年度继续办理')];

export const T3_2021: TableTemplate = {
  rows: [
    ...T3_HEAD,
    t3(
      't3.other.1',
      '（六）其他处理·1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    ),
    t3(
      't3.other.2',
      '（六）其他处理·2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    ),
    t3('t3.other.3', '（六）其他处理·3.其他', '其他'),
    ...T3_TAIL,
  ],
  vocabulary: [...T3_HEADER_WORDS, ...T3_GROUPS],
};

export const T3_2019: TableTemplate = {
  rows: [...T3_HEAD, t3('t3.other', '（六）其他处理', '其他处理'), ...T3_TAIL],
  vocabulary: [...T3_HEADER_WORDS, ...T3_GROUPS],
};

/** Rows whose sum is （七）总计 (R2). */
export const T3_OUTCOME_PREFIXES = ['t3.open', 't3.partial', 't3.deny.', 't3.unable.', 't3.reject.', 't3.other'];

// ---- Table 四: 行政复议、行政诉讼 (same in both formats) -------------------------------------

export const T4_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;
export const T4_GROUPS = [
  { id: 't4.review', label: '行政复议' },
  { id: 't4.direct', label: '行政诉讼·未经复议直接起诉' },
  { id: 't4.afterReview', label: '行政诉讼·复议后起诉' },
] as const;
/** Characters of the table-四 header: text made only of these is header, not content. */
export const T4_HEADER_CHARS = new Set('行政复议诉讼结果维持纠正其他尚未审结总计经直接起后()、:注');

// ---- Template detection ------------------------------------------------------------------

/** Words only the 2019 trial tables use, and words only the 2021 tables use (normalised). */
export const SIGNALS_2019 = [
  '本年新制作数量',
  '本年新公开数量',
  '对外公开总数量',
  '上一年项目数量',
  '本年增/减',
  '其他对外管理服务事项',
  '第二十条第(九)项',
  '政府集中采购',
  '采购项目数量',
];
export const SIGNALS_2021 = ['本年制发件数', '本年废止件数', '现行有效件数', '本年处理决定数量', '本年收费金额'];
export const T3_SIGNALS_2021 = ['逾期不补正', '逾期未按收费通知'];
