import path from 'node:path';
import * as z from 'zod';
import { MappingProfileSchema, type MappingProfile } from '../../shared/actuals/read';
import { nodeFs, type FsPort } from './fs-port';
import { readJsonFile, writeJsonFile } from './json-store';

/**
 * The user's saved column mappings for "any other CSV" (issue 11), kept beside the preferences in the app's
 * user-data folder, and offered again when a file with the same header arrives (sniffActuals matches them).
 */
const SavedProfiles = z.object({ profiles: z.array(MappingProfileSchema) });

function profilesPath(userDataDir: string): string {
  return path.join(userDataDir, 'actuals-profiles.json');
}

export async function readMappingProfiles(userDataDir: string, fs: FsPort = nodeFs): Promise<MappingProfile[]> {
  return (await readJsonFile(profilesPath(userDataDir), SavedProfiles, fs))?.profiles ?? [];
}

/** Saves a profile, replacing the one of the same name; the newest comes first (it is offered first). */
export async function saveMappingProfile(
  userDataDir: string,
  profile: MappingProfile,
  fs: FsPort = nodeFs,
): Promise<boolean> {
  const others = (await readMappingProfiles(userDataDir, fs)).filter((p) => p.name !== profile.name);
  return writeJsonFile(profilesPath(userDataDir), { profiles: [profile, ...others] }, fs);
}
