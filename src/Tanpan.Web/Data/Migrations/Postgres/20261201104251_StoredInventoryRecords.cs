using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StoredInventoryRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LockedRecordHash",
                table: "Inventories",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LockedRecordJson",
                table: "Inventories",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LockedSchemaVersion",
                table: "Inventories",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "SubmittedAtUtc",
                table: "Inventories",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmittedBy",
                table: "Inventories",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SinglePersonReview",
                table: "Companies",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LockedRecordHash",
                table: "Inventories");

            migrationBuilder.DropColumn(
                name: "LockedRecordJson",
                table: "Inventories");

            migrationBuilder.DropColumn(
                name: "LockedSchemaVersion",
                table: "Inventories");

            migrationBuilder.DropColumn(
                name: "SubmittedAtUtc",
                table: "Inventories");

            migrationBuilder.DropColumn(
                name: "SubmittedBy",
                table: "Inventories");

            migrationBuilder.DropColumn(
                name: "SinglePersonReview",
                table: "Companies");
        }
    }
}
