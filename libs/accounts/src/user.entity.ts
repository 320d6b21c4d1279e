import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Region, Role } from './roles';

@Entity('app_user')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  name!: string;

  @Column('text')
  role!: Role;

  @Column('text', { array: true, default: () => "'{}'" })
  regions!: Region[];

  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash!: string | null;

  @Column('boolean', { default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** What every response says about a user; never the password hash. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  regions: Region[];
  active: boolean;
  createdAt: string;
}

export function toUserView(u: UserEntity): UserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    regions: u.regions,
    active: u.active,
    createdAt: u.createdAt.toISOString(),
  };
}
