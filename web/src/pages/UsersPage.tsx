// Administrators' page for users, their roles and teams.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createTeam, createUser, listTeams, listUsers, listVendors, setTeamMembers, updateUser } from '../api/client';
import type { Role, Team, User, Vendor } from '../api/types';
import { roles } from '../api/types';
import { ConflictNotice, FormError, SelectField, TextField, describeFailure, noFailure, type SubmitFailure } from '../components/forms';
import { etagFor } from '../lib/lifecycle';
import { forgetUsers } from '../lib/useUsers';

export function UsersPage() {
  const { t } = useTranslation();
  const [users, setUsers] = useState<User[] | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(() => {
    forgetUsers();
    listUsers().then((page) => setUsers(page.items), () => setLoadError(t('common.loadFailed')));
    listTeams().then(setTeams, () => setTeams([]));
  }, [t]);
  useEffect(load, [load]);

  return (
    <div className="page wide">
      <h1>{t('users.title')}</h1>
      {loadError && <p className="form-error" role="alert">{loadError}</p>}
      <NewUserForm onCreated={load} />
      <h2>{t('users.existing')}</h2>
      <div className="table-wrap">
        <table className="list">
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.email')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.active')}</th>
              <th scope="col"><span className="visually-hidden">{t('users.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {users?.map((user) => <UserRow key={`${user.id}-${user.version}`} user={user} onSaved={load} />)}
          </tbody>
        </table>
      </div>
      <h2>{t('teams.title')}</h2>
      <NewTeamForm onCreated={load} />
      {teams.map((team) => <TeamEditor key={`${team.id}-${team.version}`} team={team} users={users ?? []} onSaved={load} />)}
    </div>
  );
}

function NewUserForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('technician');
  const [password, setPassword] = useState('');
  const [vendorId, setVendorId] = useState('');
  const [vendors, setVendors] = useState<Vendor[]>([]);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (role === 'vendor') listVendors().then(setVendors, () => setVendors([]));
  }, [role]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(noFailure);
    try {
      await createUser({
        email: email.trim(), displayName: displayName.trim(), role, password: password || null,
        vendorId: role === 'vendor' && vendorId ? Number(vendorId) : null,
      });
      setEmail('');
      setDisplayName('');
      setPassword('');
      onCreated();
    } catch (error) {
      setFailure(describeFailure(error, ['email', 'displayName', 'role', 'password', 'vendorId'], t('common.offline')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t('users.add')}</h2>
      <FormError message={failure.general} />
      <div className="grid-fields">
        <TextField label={t('users.email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} errors={failure.fields.email} required />
        <TextField label={t('users.name')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} errors={failure.fields.displayName} required />
        <SelectField label={t('users.role')} value={role} onChange={(e) => setRole(e.target.value as Role)} errors={failure.fields.role}>
          {roles.map((value) => <option key={value} value={value}>{t(`role.${value}`)}</option>)}
        </SelectField>
        {role === 'vendor' && (
          <SelectField label={t('users.vendor')} value={vendorId} onChange={(e) => setVendorId(e.target.value)} errors={failure.fields.vendorId}>
            <option value="">{t('users.chooseVendor')}</option>
            {vendors.map((vendor) => <option key={vendor.id} value={vendor.id}>{vendor.name}</option>)}
          </SelectField>
        )}
        <TextField label={t('users.password')} type="password" autoComplete="new-password" hint={t('users.passwordHint')}
          value={password} onChange={(e) => setPassword(e.target.value)} errors={failure.fields.password} />
      </div>
      <button type="submit" className="primary" disabled={busy}>{t('users.create')}</button>
    </form>
  );
}

function UserRow({ user, onSaved }: { user: User; onSaved: () => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(user.role);
  const [isActive, setIsActive] = useState(user.isActive);
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);
  const changed = role !== user.role || isActive !== user.isActive;

  async function save() {
    setFailure(noFailure);
    try {
      // The If-Match value comes from the list's version, so the server rejects the save with 412
      // when another administrator changed the user after the list loaded.
      await updateUser(user.id, etagFor(user.id, user.version), { role, isActive });
      onSaved();
    } catch (error) {
      setFailure(describeFailure(error, ['role', 'isActive'], t('common.offline')));
    }
  }

  return (
    <tr>
      <td>{user.displayName}</td>
      <td>{user.email}</td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${user.id}`}>{t('users.roleOf', { name: user.displayName })}</label>
        <select id={`role-${user.id}`} value={role} onChange={(e) => setRole(e.target.value as Role)}
          aria-invalid={failure.fields.role ? true : undefined}>
          {roles.map((value) => <option key={value} value={value}>{t(`role.${value}`)}</option>)}
        </select>
        {failure.fields.role && <p className="field-error">{failure.fields.role.join(' ')}</p>}
      </td>
      <td>
        <input type="checkbox" checked={isActive} onChange={(e) => setIsActive(e.target.checked)}
          aria-label={t('users.activeOf', { name: user.displayName })} />
      </td>
      <td>
        <button type="button" disabled={!changed} onClick={save}>{t('common.save')}</button>
        {failure.conflict ? <ConflictNotice onReload={onSaved} /> : <FormError message={failure.general} />}
      </td>
    </tr>
  );
}

function NewTeamForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(noFailure);
    try {
      await createTeam(name.trim(), []);
      setName('');
      onCreated();
    } catch (error) {
      setFailure(describeFailure(error, ['name'], t('common.offline')));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="inline-form">
      <TextField label={t('teams.newName')} value={name} onChange={(e) => setName(e.target.value)} errors={failure.fields.name} />
      <button type="submit">{t('teams.create')}</button>
      <FormError message={failure.general} />
    </form>
  );
}

function TeamEditor({ team, users, onSaved }: { team: Team; users: User[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const [members, setMembers] = useState<Set<number>>(new Set(team.memberUserIds));
  const [failure, setFailure] = useState<SubmitFailure>(noFailure);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(noFailure);
    try {
      await setTeamMembers(team.id, [...members]);
      onSaved();
    } catch (error) {
      setFailure(describeFailure(error, ['memberUserIds'], t('common.offline')));
    }
  }

  return (
    <form onSubmit={submit} className="card">
      <fieldset className="checks">
        <legend>{t('teams.membersOf', { name: team.name })}</legend>
        {users.filter((user) => user.isActive).map((user) => (
          <label key={user.id}>
            <input type="checkbox" checked={members.has(user.id)} onChange={() => {
              const next = new Set(members);
              if (next.has(user.id)) next.delete(user.id);
              else next.add(user.id);
              setMembers(next);
            }} />
            {user.displayName}
          </label>
        ))}
      </fieldset>
      {failure.fields.memberUserIds && <p className="field-error">{failure.fields.memberUserIds.join(' ')}</p>}
      <FormError message={failure.general} />
      <button type="submit">{t('teams.saveMembers')}</button>
    </form>
  );
}
