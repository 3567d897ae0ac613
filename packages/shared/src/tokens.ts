import type { InterviewStatus } from './status';

/** Candidate link tokens: signed by workflows (private key), verified by booking (public key). */
export const TOKEN_ALGORITHM = 'RS256' as const;
export const TOKEN_ISSUER = 'interview-portal';
export const CANDIDATE_PURPOSE = 'candidate-interview' as const;

/** An interviewer's scorecard link: its own purpose, so it never opens a candidate page, nor the reverse. */
export const FEEDBACK_PURPOSE = 'interviewer-feedback' as const;

/** An interviewer's Accept/Decline link for one interview: scoped to them like the scorecard's. */
export const ANSWER_PURPOSE = 'interviewer-answer' as const;

export interface FeedbackTokenClaims {
  /** Interview id. */
  sub: string;
  /** Interviewer id. */
  iid: string;
  purpose: typeof FEEDBACK_PURPOSE;
  jti: string;
  exp: number;
}

export interface CandidateTokenClaims {
  /** Interview id. */
  sub: string;
  attempt: number;
  purpose: typeof CANDIDATE_PURPOSE;
  jti: string;
  /** Seconds since the epoch, as JWT has it. */
  exp: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long a candidate's token outlives their invitation: the booking horizon and two days, so a
 * time booked on the invitation's last day is still moved, cancelled and joined from the same link.
 * The lifecycle signs the token to expire this long after the invitation does
 * (services/workflows/src/lifecycle/lifecycle.ts).
 */
export function tokenOutlivesInvitationMs(horizonDays: number): number {
  return (horizonDays + 2) * DAY_MS;
}

/**
 * The moment a candidate's link stops working, which the ATS and the page tell the candidate. Until
 * it is booked the invitation's expiry ends it (the lifecycle's timer expires the interview, and the
 * link then opens only the expired page), or the end of the last window the candidate sent, if later;
 * once booked it works until the token's own expiry.
 * `horizonDays` is the interview's, fixed at its invitation.
 */
export function linkExpiresAt(
  interview: { status: InterviewStatus; tokenExpiresAt: Date; availability?: { windows: { end: Date }[] } | null },
  horizonDays: number,
): Date {
  const unbooked = interview.status === 'INVITED' || interview.status === 'EXPIRED';
  if (!unbooked) return interview.tokenExpiresAt;
  const invitationEnds = interview.tokenExpiresAt.getTime() - tokenOutlivesInvitationMs(horizonDays);
  // Windows the candidate sent keep the invitation open until the last of them has passed (docs/adr/0071).
  const windowsEnd = Math.max(0, ...(interview.availability?.windows ?? []).map((w) => w.end.getTime()));
  return new Date(Math.max(invitationEnds, Math.min(windowsEnd, interview.tokenExpiresAt.getTime())));
}

/**
 * Development-only key pair so the portal runs with no setup. Both services refuse to start with
 * these keys when NODE_ENV=production.
 */
export const DEV_TOKEN_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCqL6qf6y07FLKd
Uifis4SKbe8b3PdYsoJO1RXsXUreaK7jdEZFNkeu/Ez/HKzUg7ZRdfVL5hpukINe
3VLV4PBixOLJpJ/pbv31t9rxNw/TbnGH0sQjKIH3eGl5iVDvxk+VDmxlG/pm8Uvy
lnEyHVkqHS0xHQivzvXFykAhp35gF7Hsm9M1P+k3bQhsszA4z4fpj10g3lBwHcO0
0UKgymlaNHZiEgamGLRXEiCcrxYE2IyXDRFX5qJ3XXiHzHzFESBjG1KckOl65iMA
3kjQ8BCDejg0HeyChJuJ0mFE+D2PWSb9uG6eoAq8/avYsifNTxDmpwGSGcKBBfqf
84FTNORDAgMBAAECggEAAJU+N+MF2iR1gi10XoXv58t9nLJSlJaz9JItS4x8Q6vH
IZdV4EnR0AskNmGCRA4Zc0j8qKBmqcdL8+i9LmdhW21CO5+ZPqL3Mr7I/LeMEdTY
hbcWneo3G8JpVhW+1btvrVqJy4TfhDfCY1fZlmrcUdUcwQTQ8U07sUxCkPryZ2Db
90WQCBQoi7tFVxOZFld7jV5IS4yV1JdejdDW6CqoHA+2/vJwTBezBHHTKHmU48wi
9JjswPCWVhUW4HsskoI5cpXJO8W/oV5Pc59Fl5Z+ZM2PBmllRb9XE9YwBMkLbkEh
ZVrrpixcf8ULHT0vXLPZbShy4eGfN9vTgXBFU8BaaQKBgQDjJadYzNWADXBv5Kt8
SAWNewr0WqPnTFmO24lO40a49mKB4bCtHaYU+vpM+X8ClSPAOcWKahsFGmgt+V3Q
nik9xpuEzKIATQjU51uRI2rE86DiGtD59Todi6BOsaKjJHP1nA2DvkXQgxBJdTHW
UmXWyVvz3EKFcSoJHrK2N9bayQKBgQC/zcOrR7M/qw0Mcm9I0eu9Bl4Fwl+brqga
aRT0TbD8isp6TbYGQS6mCZm0gdhtFrtaEQPZL4txRIa6Of24fKk3yCKBWDiSYdD3
g04Ezw/dLvoIBW+EWUdFWIxSdsEdyFTFo3Hlo1V4OU8Da7ZeJttlcBuvQhgfb5g/
4m8+QMrAqwKBgQCM3NL0zMIyESODIGoAPqHC5WUbuAIg9EYtw5NZKrS3C4R3S0DH
erV+GU6T4b2UGmz7Tlhkx/xNo9yrdhNpxkuJFdtn9YcZbKxna7prPW1/Ch7hWQPz
ntIVdHtLkflr9rU6wTXYV2zwK/cztsvbP2oMUv8FMbjHDDCnSzREsEg7kQKBgQCG
/p2O+aHxV8SRVCF7ETRoEAkw6IM+IYlzPS5gXCYLOOwVdIh+knXwqqUh5Jmc/fjT
BVK+E7aC/AYPIC2xIRxAhH20p5D5hhr7edD5lXrG4/9akejRL7z308C/cZGuEoeH
qufJBlJrkXpJIBB058hW9ralfVFZHsP7grVlDVkmjQKBgBSNPGTWEBEtJxR/WW1L
I8r777zL7qLAtWHUeMDw6GA/C75wDG/g5dACPNcSDZUheyP8Wy7iRUA/ENfBwxe9
SjvgpnsaubQMbddyUpd8ngUnNhSU/A10OxEi6bEReKM7/OE1vsBB2k8KaBoXME57
pZ6JI/nHQa4TKmUhxJQnS0Pj
-----END PRIVATE KEY-----`;
export const DEV_TOKEN_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqi+qn+stOxSynVIn4rOE
im3vG9z3WLKCTtUV7F1K3miu43RGRTZHrvxM/xys1IO2UXX1S+YabpCDXt1S1eDw
YsTiyaSf6W799bfa8TcP025xh9LEIyiB93hpeYlQ78ZPlQ5sZRv6ZvFL8pZxMh1Z
Kh0tMR0Ir871xcpAIad+YBex7JvTNT/pN20IbLMwOM+H6Y9dIN5QcB3DtNFCoMpp
WjR2YhIGphi0VxIgnK8WBNiMlw0RV+aid114h8x8xREgYxtSnJDpeuYjAN5I0PAQ
g3o4NB3sgoSbidJhRPg9j1km/bhunqAKvP2r2LInzU8Q5qcBkhnCgQX6n/OBUzTk
QwIDAQAB
-----END PUBLIC KEY-----`;
