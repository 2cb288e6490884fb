"""Staff: enrolled with a token, their roles changed, their token revoked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import identity
from domain.commands import ChangeStaffRoles, EnrolStaff, Issuer, RevokeStaffToken
from domain.staff import StaffMember

if TYPE_CHECKING:
    from domain.application import Grantledger


def enrol(books: Grantledger, c: EnrolStaff, by: Issuer) -> UUID:
    roles = list(c.roles)
    if c.body.strip():
        books.body_named(c.body)
    if books.exists(identity.staff_id(c.name)):
        member = books.staff_member(c.name)
        member.reissue(by.name, roles, c.body, c.token_hash)
        return books.saved(member)
    member = StaffMember.enrol(by.name, c.name, roles, c.body, c.token_hash)
    books.save_new(member, f"{c.name} already has a token; revoke it first to issue another")
    return member.id


def change_roles(books: Grantledger, c: ChangeStaffRoles, by: Issuer) -> UUID:
    member = books.staff_member(c.name)
    member.change_roles(by.name, list(c.roles))
    return books.saved(member)


def revoke(books: Grantledger, c: RevokeStaffToken, by: Issuer) -> UUID:
    member = books.staff_member(c.name)
    member.revoke(by.name)
    return books.saved(member)


HANDLERS: dict[type[Any], Any] = {
    EnrolStaff: enrol,
    ChangeStaffRoles: change_roles,
    RevokeStaffToken: revoke,
}
