import { limits } from '../../limits.js';
import { isSelf } from '../../model/team.js';
import { rule } from '../rule.js';

/** Exactly one member is the student; shares sum to 100; each 工作內容 ≤ 100 characters. */
export const team = rule(['course'], { 'team-self': 'error', 'team-share-sum': 'error', 'team-work-too-long': 'error' }, (context) => {
  const members = context.document.team;
  if (!members?.length) return;
  const selves = members.filter((m) => isSelf(m, context.portfolio)).length;
  if (selves !== 1) context.report('team-self', context.keyPosition(['team']), { count: selves });
  const sum = Math.round(members.reduce((total, m) => total + m.share, 0) * 100) / 100;
  if (sum !== 100) context.report('team-share-sum', context.keyPosition(['team']), { sum });
  members.forEach((member, i) => {
    const count = [...member.work].length;
    if (count > limits.teamWorkMaxChars) {
      context.report('team-work-too-long', context.keyPosition(['team', i, 'work']), { count, max: limits.teamWorkMaxChars });
    }
  });
});
