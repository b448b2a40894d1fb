/** The words of the format that readers and rules share: the six parts' names, their numerals, the overview's sub-topics. */

export interface PartName {
  part: number;
  official: string;
  aliases: readonly string[];
}

export const PART_NAMES: readonly PartName[] = [
  { part: 1, official: '总体情况', aliases: ['概述'] },
  { part: 2, official: '主动公开政府信息情况', aliases: ['主动公开政府信息的情况'] },
  {
    part: 3,
    official: '收到和处理政府信息公开申请情况',
    aliases: ['行政机关收到和处理政府信息公开申请情况', '收到和处理政府信息依申请公开情况', '收到和处理政府信息公开申请的情况'],
  },
  {
    part: 4,
    official: '政府信息公开行政复议、行政诉讼情况',
    aliases: [
      '因政府信息公开工作被申请行政复议和提起行政诉讼情况',
      '因政府信息公开工作被申请行政复议、提起行政诉讼情况',
      '因政府信息公开申请行政复议、提起行政诉讼的情况',
      '政府信息公开行政复议和行政诉讼情况',
    ],
  },
  {
    part: 5,
    official: '存在的主要问题及改进情况',
    aliases: ['政府信息公开工作存在的主要问题及改进情况', '存在问题及改进情况', '存在的主要问题和改进情况', '主要问题及改进情况'],
  },
  { part: 6, official: '其他需要报告的事项', aliases: ['其他需报告的事项'] },
];

export const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The five sub-topics 国办公开办函〔2021〕30号 lists for 总体情况, and words that show each is covered. */
export const OVERVIEW_TOPICS = [
  { topic: '主动公开', pattern: /主动公开/ },
  { topic: '依申请公开', pattern: /依申请|公开申请/ },
  { topic: '政府信息管理', pattern: /信息管理/ },
  { topic: '政府信息公开平台建设', pattern: /平台/ },
  { topic: '监督保障', pattern: /监督|保障|考核/ },
] as const;
