import { OverwriteType, PermissionFlagsBits } from "discord.js";
import type { APIOverwrite, APIRole } from "discord.js";

/** Every permission bit discord.js knows about (what an owner / Administrator gets). */
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** Permissions Discord reports as `app_permissions` for a bot in a DM. */
export const DM_PERMISSIONS: bigint =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands;

export function bits(...flags: bigint[]): string {
  return flags.reduce((all, bit) => all | bit, 0n).toString();
}

export interface PermissionSubject {
  userId: string;
  roleIds: readonly string[];
}

export interface PermissionGuild {
  id: string;
  ownerId: string;
  roles: readonly APIRole[];
}

/**
 * Discord's permission algorithm (https://discord.com/developers/docs/topics/permissions):
 * owner / Administrator → everything; else @everyone | member roles, then channel overwrites
 * in the order @everyone → roles (combined) → member. Without VIEW_CHANNEL the result is 0.
 */
export function computePermissions(
  guild: PermissionGuild,
  subject: PermissionSubject,
  overwrites: readonly APIOverwrite[] = [],
): bigint {
  if (subject.userId === guild.ownerId) return ALL_PERMISSIONS;
  let base = 0n;
  for (const role of guild.roles) {
    // The @everyone role has the guild's id.
    if (role.id === guild.id || subject.roleIds.includes(role.id)) base |= BigInt(role.permissions);
  }
  if ((base & PermissionFlagsBits.Administrator) !== 0n) return ALL_PERMISSIONS;

  const apply = (allow: bigint, deny: bigint): void => {
    base = (base & ~deny) | allow;
  };
  const everyone = overwrites.find((o) => o.type === OverwriteType.Role && o.id === guild.id);
  if (everyone) apply(BigInt(everyone.allow), BigInt(everyone.deny));
  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const o of overwrites) {
    if (o.type === OverwriteType.Role && o.id !== guild.id && subject.roleIds.includes(o.id)) {
      roleAllow |= BigInt(o.allow);
      roleDeny |= BigInt(o.deny);
    }
  }
  apply(roleAllow, roleDeny);
  const member = overwrites.find((o) => o.type === OverwriteType.Member && o.id === subject.userId);
  if (member) apply(BigInt(member.allow), BigInt(member.deny));

  return (base & PermissionFlagsBits.ViewChannel) === 0n ? 0n : base;
}
