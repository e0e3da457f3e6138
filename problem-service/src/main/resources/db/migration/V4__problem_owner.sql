-- The Problem Owner a Problem Manager assigned: the person who takes this problem from analysis to resolution.
alter table problem add column owner_id varchar(64);
create index problem_owner on problem (owner_id) where owner_id is not null;
