import type { TeamMember } from './course.js';
import type { Portfolio } from './portfolio.js';

/** The student's own row: marked `self: true`, else named as in portfolio.yaml. */
export function isSelf(member: TeamMember, portfolio: Portfolio | undefined): boolean {
  if (member.self !== undefined) return member.self;
  return portfolio !== undefined && member.name.trim() === portfolio.student.trim();
}
