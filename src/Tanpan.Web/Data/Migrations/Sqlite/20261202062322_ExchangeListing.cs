using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ExchangeListing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ExchangeListedAtUtc",
                table: "Companies",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExchangeListedAtUtc",
                table: "Companies");
        }
    }
}
